"""The headline-discernment test for Uzbekistan's information space (docs/outcomes.md).

Two parallel forms of ten headlines, five true and five invented, in the MIST's form. Every true
headline states a fact from a named source (the seed texts and the official statistics they
cite); every invented one is a training example written for this test, in the style of the rumours
the fact-checking course discusses, and is labelled so in the data. Uzbek is written in Latin;
Cyrillic pages show it through the site's transliteration.
"""

KARIMOV = (
    "B. B. Karimov, “Social networks: an effective means of dialogue with the people in "
    "Uzbekistan”, Higher School of Strategic Analysis and Forecasting (seeds/"
    "social-networks-article.txt)"
)
MINISTRY = (
    "Ministry for the Development of Information Technologies and Communications, figures for "
    "June 2022, cited in " + KARIMOV
)
NAPOLEONCAT = "NapoleonCat, figures of 1 June 2022, cited in " + KARIMOV
PQ_4366 = (
    "Resolution of the President of Uzbekistan PQ-4366 of 27 June 2019, the duties of a district "
    "information service (seeds/press-service-tasks.txt)"
)
INVENTED = "Invented for this test as a training example; not a real news item."

INSTRUMENT_KEY = "headlines-uz"
INSTRUMENT_TITLE = "Headline test: Uzbekistan's information space"

# (form, is_real, English, Uzbek Latin, Russian, source); positions follow the list per form.
HEADLINES = [
    # Form A
    (
        "A",
        True,
        "Uzbekistan passes 27 million internet users, ministry says",
        "Vazirlik: Oʻzbekistonda internet foydalanuvchilari soni 27 milliondan oshdi",
        "Министерство: число интернет-пользователей в Узбекистане превысило 27 миллионов",
        MINISTRY,
    ),
    (
        "A",
        False,
        "Telegram to be switched off across Uzbekistan from next month, insiders reveal",
        "Ichki manbalar oshkor qildi: kelgusi oydan Oʻzbekistonda Telegram butunlay oʻchiriladi",
        "Инсайдеры раскрыли: со следующего месяца Telegram в Узбекистане полностью отключат",
        INVENTED,
    ),
    (
        "A",
        True,
        "Telegram serves more than 18 million users in Uzbekistan",
        "Oʻzbekistonda Telegramdan 18 milliondan ortiq kishi foydalanadi",
        "В Узбекистане Telegram пользуются более 18 миллионов человек",
        KARIMOV,
    ),
    (
        "A",
        False,
        "Doctors confirm: a glass of hot water every hour protects against flu",
        "Shifokorlar tasdiqladi: har soatda bir stakan issiq suv grippdan himoya qiladi",
        "Врачи подтвердили: стакан горячей воды каждый час защищает от гриппа",
        INVENTED,
    ),
    (
        "A",
        False,
        "Hokimiyat to fine citizens who leave critical comments under its posts",
        "Hokimiyat oʻz postlari ostida tanqidiy izoh qoldirganlarni jarimaga tortadi",
        "Хокимият будет штрафовать граждан за критические комментарии под своими постами",
        INVENTED,
    ),
    (
        "A",
        True,
        "Facebook users in Uzbekistan near 7 million, about a fifth of the population",
        "Oʻzbekistonda Facebook foydalanuvchilari 7 millionga yaqinlashdi: aholining qariyb "
        "beshdan biri",
        "Число пользователей Facebook в Узбекистане приблизилось к 7 миллионам: около пятой части "
        "населения",
        NAPOLEONCAT,
    ),
    (
        "A",
        False,
        "Everyone who shares this post will receive 500,000 soʻm from the state",
        "Ushbu postni ulashgan har bir kishi davlatdan 500 ming soʻm oladi",
        "Каждый, кто поделится этим постом, получит от государства 500 тысяч сумов",
        INVENTED,
    ),
    (
        "A",
        True,
        "District press services must respond quickly to “information attacks”, "
        "presidential resolution says",
        "Prezident qarori: tuman axborot xizmatlari axborot xurujlariga tezkor munosabat "
        "bildirishi shart",
        "Постановление Президента: пресс-службы районов должны оперативно реагировать на "
        "информационные атаки",
        PQ_4366,
    ),
    (
        "A",
        False,
        "Secret document shows the internet will be cut every night after 23:00",
        "Maxfiy hujjat: har kecha soat 23:00 dan keyin internet oʻchiriladi",
        "Секретный документ: каждую ночь после 23:00 интернет будут отключать",
        INVENTED,
    ),
    (
        "A",
        True,
        "More than 4.6 billion people worldwide use social networks",
        "Dunyoda 4,6 milliarddan ortiq kishi ijtimoiy tarmoqlardan foydalanadi",
        "Социальными сетями в мире пользуются более 4,6 миллиарда человек",
        KARIMOV,
    ),
    # Form B
    (
        "B",
        True,
        "Internet users in Uzbekistan grew by 7 million in three years",
        "Oʻzbekistonda internet foydalanuvchilari uch yilda 7 millionga koʻpaydi",
        "Число интернет-пользователей в Узбекистане за три года выросло на 7 миллионов",
        MINISTRY,
    ),
    (
        "B",
        False,
        "Bread prices will triple next week, anonymous channel warns",
        "Anonim kanal ogohlantiradi: kelgusi haftada non narxi uch barobar oshadi",
        "Анонимный канал предупреждает: на следующей неделе хлеб подорожает втрое",
        INVENTED,
    ),
    (
        "B",
        True,
        "Instagram has about 5.7 million users in Uzbekistan",
        "Oʻzbekistonda Instagramdan 5,7 million kishi foydalanadi",
        "В Узбекистане Instagram пользуются 5,7 миллиона человек",
        KARIMOV,
    ),
    (
        "B",
        False,
        "Scientists prove mobile towers in Tashkent cause headaches",
        "Olimlar isbotladi: Toshkentdagi mobil aloqa minoralari bosh ogʻrigʻiga sabab boʻladi",
        "Учёные доказали: вышки мобильной связи в Ташкенте вызывают головную боль",
        INVENTED,
    ),
    (
        "B",
        False,
        "Civil servants banned from having any social-media account from Monday",
        "Dushanbadan boshlab davlat xizmatchilariga ijtimoiy tarmoqlarda akkaunt ochish "
        "taqiqlanadi",
        "С понедельника госслужащим запрещено иметь аккаунты в соцсетях",
        INVENTED,
    ),
    (
        "B",
        True,
        "OK.ru counts more than 16 million users in Uzbekistan",
        "Oʻzbekistonda OK.ru tarmogʻidan 16 milliondan ortiq kishi foydalanadi",
        "В Узбекистане у OK.ru более 16 миллионов пользователей",
        KARIMOV,
    ),
    (
        "B",
        False,
        "Water in the whole city will be cut off for a month, a leaked letter says",
        "Sizib chiqqan xat: butun shaharda bir oy suv boʻlmaydi",
        "Утёкшее письмо: во всём городе на месяц отключат воду",
        INVENTED,
    ),
    (
        "B",
        True,
        "District administrations must publish draft regulations on their official websites",
        "Tuman hokimliklari normativ-huquqiy hujjatlar loyihalarini rasmiy veb-saytida "
        "joylashtirishi shart",
        "Хокимияты районов обязаны размещать проекты нормативных актов на своих официальных сайтах",
        PQ_4366,
    ),
    (
        "B",
        False,
        "Miracle herb cures diabetes in three days, famous doctor says",
        "Mashhur shifokor: moʻjizaviy giyoh qandli diabetni uch kunda davolaydi",
        "Известный врач: чудо-трава излечивает диабет за три дня",
        INVENTED,
    ),
    (
        "B",
        True,
        "Facebook has about 2.9 billion users worldwide",
        "Dunyoda Facebookdan qariyb 2,9 milliard kishi foydalanadi",
        "Facebook в мире пользуются около 2,9 миллиарда человек",
        KARIMOV,
    ),
]
