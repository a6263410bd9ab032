// Reads .ics files with ical.js (Thunderbird's parser) and prints what it understood, as JSON.
//
//   node tests/js/ical_times.mjs a.ics [b.ics …]
//
// For each file: its METHOD and, for each VEVENT, uid, sequence, status, the TZID ical.js
// resolved, DTSTART and DTEND converted to UTC, the alarms' triggers, ORGANIZER and each
// ATTENDEE with their parameters (organizer null when there is none), each RDATE and every
// occurrence ical.js's own expansion gives (ICAL.Event#iterator), in UTC; and the file's
// X-WR-CALNAME. (ical.js 2.2.1's expansion leaves DTSTART out of an event with RDATE and no
// RRULE, kewisch/ical.js#534: the two lists are what it reads and what it expands.) Only the VTIMEZONEs inside the file are registered: an event whose TZID they do
// not define would come out « floating » and be reported as such.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function utc(time) {
  if (time.zone === ICAL.Timezone.localTimezone) {
    return { floating: time.toString() };
  }
  return time.convertToZone(ICAL.Timezone.utcTimezone).toString();
}

function address(property) {
  const params = {};
  for (const name of ["cn", "role", "partstat", "rsvp", "cutype"]) {
    const value = property.getParameter(name);
    if (value !== undefined) params[name] = value;
  }
  return { value: property.getFirstValue(), params };
}

// Enough for any meeting's proposed dates; bounds a rule that never ends.
const MAX_OCCURRENCES = 100;

function rdates(component) {
  return component.getAllProperties("rdate").flatMap((property) => property.getValues())
    .map((value) => utc(value instanceof ICAL.Period ? value.start : value));
}

function occurrences(event) {
  const found = [];
  const expansion = event.iterator();
  for (let next = expansion.next(); next && found.length < MAX_OCCURRENCES; next = expansion.next()) {
    found.push(utc(next));
  }
  return found;
}

function read(path) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const organizer = component.getFirstProperty("organizer");
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: component.getFirstPropertyValue("status"),
      summary: event.summary,
      location: event.location,
      tzid: event.startDate.zone ? event.startDate.zone.tzid : null,
      start: utc(event.startDate),
      end: utc(event.endDate),
      alarms: component.getAllSubcomponents("valarm").map(
        (alarm) => String(alarm.getFirstPropertyValue("trigger"))),
      organizer: organizer ? address(organizer) : null,
      attendees: component.getAllProperties("attendee").map(address),
      rdates: rdates(component),
      occurrences: occurrences(event),
    };
  });
  return { path, method: calendar.getFirstPropertyValue("method"),
           name: calendar.getFirstPropertyValue("x-wr-calname"), events };
}

console.log(JSON.stringify(process.argv.slice(2).map(read)));
