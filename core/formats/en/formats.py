from django.conf.locale.en.formats import *  # noqa: F403 - Django's input formats stay

DATE_FORMAT = "N j, Y"  # Jan. 4, 2027: the month in words, never 01/04/2027
DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
# The admin's date pickers write day-first dates (settings.WAGTAIL_DATE_FORMAT).
DATE_INPUT_FORMATS = ["%d.%m.%Y", *DATE_INPUT_FORMATS]  # noqa: F405
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M", *DATETIME_INPUT_FORMATS]  # noqa: F405
