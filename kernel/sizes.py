"""A file's size as a French reader expects it: « 840 ko », « 3,1 Mo », « 1,2 Go »."""


def file_size(size: int) -> str:
    for unit, scale in (("Go", 2**30), ("Mo", 2**20)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".", ",")
    return f"{max(1, round(size / 1024))} ko"
