from django.conf.locale.uz.formats import *  # noqa: F403 - Django's input formats stay

DATE_FORMAT = r"j-E, Y-\y\i\l"  # 4-Yanvar, 2027-yil
DATETIME_FORMAT = r"j-E, Y-\y\i\l, G:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
