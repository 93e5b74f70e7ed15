"""One date style per language (settings.FORMAT_MODULE_PATH): the short formats equal the long
ones, so a page never shows "4-yanvar, 2027-yil" beside "04.01.2027", and English never shows
the ambiguous "01/04/2027". Input formats stay Django's."""
