from django.conf.locale.ru.formats import *  # noqa: F403 - Django's input formats stay

DATE_FORMAT = "j E Y г."  # 4 января 2027 г.
DATETIME_FORMAT = "j E Y г., G:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
