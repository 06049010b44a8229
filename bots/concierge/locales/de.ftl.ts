/** Concierge's texts in German: every message of en.ftl.ts, and the commands' descriptions and questions. */
export default `
start-greeting = Hallo { $name }! Ich bin Concierge: Wetter, Wechselkurse, Nachrichten und eine To-do-Liste.
help-title = Befehle
ask-description = Frag in deinen eigenen Worten, z. B. Wetter in Paris

weather-service = Der Wetterdienst
weather-too-long = Das ist zu lang für einen Ortsnamen. Bitte schick nur die Stadt.
weather-not-found = Einen Ort namens „{ $city }“ habe ich nicht gefunden. Prüf die Schreibweise oder versuch eine größere Stadt in der Nähe.
weather-now = { $condition }, { $temperature } (gefühlt { $feelsLike })
weather-more = Luftfeuchtigkeit { $humidity }, Wind { $wind }
weather-measured = Gemessen um { $time } Ortszeit
weather-refresh = Aktualisieren
weather-code-0 = Klarer Himmel
weather-code-1 = Überwiegend klar
weather-code-2 = Teilweise bewölkt
weather-code-3 = Bedeckt
weather-code-45 = Nebel
weather-code-48 = Gefrierender Nebel
weather-code-51 = Leichter Nieselregen
weather-code-53 = Nieselregen
weather-code-55 = Starker Nieselregen
weather-code-56 = Leichter gefrierender Nieselregen
weather-code-57 = Gefrierender Nieselregen
weather-code-61 = Leichter Regen
weather-code-63 = Regen
weather-code-65 = Starker Regen
weather-code-66 = Leichter gefrierender Regen
weather-code-67 = Gefrierender Regen
weather-code-71 = Leichter Schneefall
weather-code-73 = Schneefall
weather-code-75 = Starker Schneefall
weather-code-77 = Schneegriesel
weather-code-80 = Leichte Regenschauer
weather-code-81 = Regenschauer
weather-code-82 = Heftige Regenschauer
weather-code-85 = Leichte Schneeschauer
weather-code-86 = Schneeschauer
weather-code-95 = Gewitter
weather-code-96 = Gewitter mit Hagel
weather-code-99 = Gewitter mit starkem Hagel
weather-code-unknown = Unbekanntes Wetter

fx-service = Der Wechselkursdienst
rate-not-a-currency = „{ $code }“ ist kein Währungscode. Nimm drei Buchstaben wie USD oder EUR.
rate-amount-too-small = Der Betrag muss größer als 0 sein.
rate-same-currency = Wähle zwei verschiedene Währungen, etwa /rate USD EUR.
rate-unknown-pair = Für { $from } in { $to } habe ich keinen Wechselkurs. Prüf beide Codes: Es gibt Kurse für etwa 30 wichtige Währungen.
rate-result = { $amount } { $from } = { $converted } { $to }
rate-per-unit = 1 { $from } = { $rate } { $to }
rate-reference = Referenzkurs vom { $date }

news-service = Hacker News
news-out-of-range = Ich kann 1 bis { $max } Meldungen zeigen; { $wanted } geht nicht.
news-none = Hacker News hat gerade keine Top-Meldungen. Bitte versuch es später noch einmal.
news-title = Top-Meldungen auf Hacker News
news-points =
    { $points ->
        [one] 1 Punkt
       *[other] { $points } Punkte
    }
news-digest-title = Deine Nachrichten
news-digest-none = Hacker News hat gerade keine Top-Meldungen.

todo-too-long = Das ist zu lang für einen Eintrag: höchstens { $max } Zeichen, bitte.
todo-full = Deine Liste ist voll ({ $max } Einträge). Hak zuerst etwas ab mit /todo done <n>.
todo-added = { $item } ist jetzt Eintrag { $n }.
todo-empty = Deine To-do-Liste ist leer. Füg etwas hinzu mit /todo add <text>, z. B. /todo add Milch kaufen.
todo-no-page =
    Eine Seite { $page } gibt es nicht: Deine Liste hat { $pages ->
        [one] 1 Seite
       *[other] { $pages } Seiten
    }. Schick /todo list 1.
todo-title =
    Deine To-do-Liste ({ $count ->
        [one] 1 Eintrag
       *[other] { $count } Einträge
    })
todo-title-page =
    Deine To-do-Liste ({ $count ->
        [one] 1 Eintrag
       *[other] { $count } Einträge
    }, Seite { $page } von { $pages })
todo-previous = ‹ Zurück
todo-next = Weiter ›
todo-hint = Drück ✓ oder schick /todo done <n>, wenn etwas erledigt ist.
todo-already-empty = Deine To-do-Liste ist schon leer.
todo-which = Welcher Eintrag ist erledigt?
todo-done-n-ask = Welcher Eintrag ist erledigt?
todo-gone = Diesen Eintrag gibt es nicht mehr auf deiner Liste. Schick /todo list, um sie zu sehen.
todo-no-item =
    Einen Eintrag { $n } gibt es nicht: Deine Liste hat { $count ->
        [one] 1 Eintrag
       *[other] { $count } Einträge
    }. Schick /todo list, um sie zu sehen.
todo-ticked =
    Erledigt: { $item }. { $left ->
        [0] Deine Liste ist jetzt leer.
        [one] Noch 1 Eintrag.
       *[other] Noch { $left } Einträge.
    }

subscribe-zone-ask = In welcher Zeitzone bist du? (zum Beispiel Europe/Berlin oder America/New_York)
subscribe-city-ask = Für welche Stadt?
subscribe-from-ask = Von welcher Währung? (z. B. USD)
subscribe-to-ask = In welche Währung? (z. B. EUR)
subscribe-done = Abonniert: { $digest }, { $rhythm } um { $time } ({ $zone }). Der erste kommt am { $first }.
subscribe-done-chat = Dieser Chat bekommt { $digest }, { $rhythm } um { $time } ({ $zone }), für alle hier. Der erste kommt am { $first }.
subscribe-first = { $day } um { $time }
subscriptions-none = Du hast hier keine Abos. Versuch /subscribe news 08:00 oder /subscribe weather Berlin 07:00 werktags (Digests: { $digests }).
subscriptions-title = Deine Abos
subscriptions-item = { $n }. { $digest }, { $rhythm } um { $time } ({ $zone }); nächstes Mal { $next } ({ $nextZone })
subscriptions-item-paused = { $n }. { $digest }, { $rhythm } um { $time } ({ $zone }) — pausiert: Ich konnte diesen Chat nicht erreichen
subscriptions-item-chat = { $line } — für alle in diesem Chat
unsubscribe-button = { $n } beenden
unsubscribe-suggestion = { $n }. { $digest }, { $rhythm } um { $time } ({ $zone })
unsubscribe-which = Du hast mehr als ein „{ $digest }“. Schick seine Nummer aus /subscriptions, z. B. /unsubscribe 2.
unsubscribe-not-subscribed = „{ $digest }“ hast du nicht abonniert. Siehe /subscriptions.
unsubscribe-done = { $digest } ist abbestellt.
rhythm-daily = jeden Tag
rhythm-weekdays = werktags
rhythm-weekends = am Wochenende
rhythm-days = { $days }
weather-digest-name = Wetter für { $city }
weather-digest-today = Heute { $low } bis { $high }.
weather-digest-rain = Regenwahrscheinlichkeit { $chance }.
rates-digest-name = Kurs { $from } zu { $to }

note-title-too-long = Ein Titel darf höchstens { $max } Zeichen lang sein.
note-kept = { $title } ist jetzt Datei { $n }. Schick /notes, dann siehst du deine Dateien.
notes-empty = Du hast noch keine Dateien bei mir. Schick ein Foto oder eine Datei mit der Beschriftung /note <Titel>, z. B. /note Quittung.
notes-title =
    Deine Dateien ({ $count ->
        [one] 1 Datei
       *[other] { $count } Dateien
    })
notes-hint = Drück eine Nummer oder schick /notes <n>, dann bekommst du die Datei zurück.
notes-no-such =
    Es gibt keine Datei { $n }: Du hast { $count ->
        [0] keine Dateien
        [one] 1 Datei
       *[other] { $count } Dateien
    } bei mir. Schick /notes, dann siehst du sie.

remind-bad-delay = „{ $delay }“ ist keine Wartezeit, die ich verstehe. Nimm Minuten oder Stunden, etwa 10m oder 2h.
remind-out-of-range = Erinnerungen gehen von 1 Minute bis 7 Tage im Voraus.
remind-minutes = { $minutes } Min.
remind-in-done = Ich erinnere dich in { $delay }: { $text }
remind-bad-time = „{ $time }“ ist keine Uhrzeit, die ich verstehe. Nimm die 24-Stunden-Uhr, etwa 18:30.
remind-at-done = Ich erinnere dich um { $time } ({ $zone }): { $text }
remind-at-done-utc = Ich erinnere dich um { $time } (UTC; /subscribe merkt sich deine eigene Zeitzone): { $text }
remind-when = Wann soll ich dich an diese Nachricht erinnern?
remind-message-how = Nutze das bei einer Nachricht: antworte darauf mit /remind in 20m oder wähle „Remind me“ in ihrem Menü.
remind-choice-minutes = { $minutes } Min.
remind-choice-hours = { $hours ->
    [one] 1 Stunde
   *[other] { $hours } Stunden
}
remind-choice-at = um { $time }

start-description = Sag Hallo
help-description = Zeig die Befehle
weather-description = Das aktuelle Wetter in einer Stadt
weather-city-description = Die Stadt oder der Ort, z. B. Berlin
weather-city-ask = Welche Stadt?
rate-description = Zwischen Währungen umrechnen
rate-from-description = Die Ausgangswährung, z. B. USD
rate-to-description = Die Zielwährung, z. B. EUR
rate-amount-description = Der Betrag (Standard 1)
news-description = Top-Meldungen auf Hacker News
news-count-description = Wie viele Meldungen, 1 bis 10 (Standard 5)
todo-description = Deine To-do-Liste
todo-add-description = Einen Eintrag zu deiner To-do-Liste hinzufügen
todo-add-text-description = Was zu tun ist
todo-add-text-ask = Was soll ich auf deine Liste setzen?
todo-list-description = Deine To-do-Liste zeigen, 10 Einträge je Seite
todo-list-page-description = Welche Seite (Standard 1)
todo-done-description = Eintrag n deiner Liste abhaken
todo-done-n-description = Die Nummer des Eintrags, wie in /todo list
subscribe-description = Einen Digest zu einer Uhrzeit deiner Wahl bekommen: täglich, werktags, am Wochenende oder an gewählten Tagen
subscribe-digest-description = Welcher Digest (news, weather, rates)
subscribe-digest-ask = Welchen Digest möchtest du? (news, weather, rates)
subscribe-count-description = Wie viele Meldungen (Standard 5)
subscribe-city-description = Die Stadt, z. B. Berlin
subscribe-from-description = Von welcher Währung, z. B. USD
subscribe-to-description = In welche Währung, z. B. EUR
subscribe-time-description = Ortszeit, HH:MM
subscribe-time-ask = Um welche Uhrzeit? (24-Stunden-Uhr, z. B. 08:00)
subscribe-zone-description = Zeitzone, z. B. Europe/Berlin
subscribe-rhythm-description = täglich (Standard), werktags, am Wochenende, ein Tag oder Tage wie mo,mi,fr
subscriptions-description = Deine Digests und die dieses Chats zeigen, mit dem nächsten Termin
unsubscribe-description = Einen Digest abbestellen: seine Nummer in /subscriptions oder sein Name
unsubscribe-digest-description = Welcher: seine Nummer in /subscriptions oder der Digest
unsubscribe-digest-ask = Welches soll ich beenden? Schick seine Nummer aus /subscriptions oder den Digest.
remind-description = Eine einmalige Erinnerung
remind-in-description = Erinnert dich nach N Minuten (z. B. 10m) oder Stunden (2h)
remind-in-delay-description = Etwa 10m oder 2h
remind-in-text-description = Woran ich dich erinnern soll
remind-in-text-ask = Woran soll ich dich erinnern?
remind-at-description = Erinnert dich heute oder morgen um eine Uhrzeit (HH:MM, deine Zeitzone)
remind-at-time-description = Etwa 18:30
remind-at-text-description = Woran ich dich erinnern soll
remind-at-text-ask = Woran soll ich dich erinnern?
remind-at-time-ask = Um welche Uhrzeit? (HH:MM, z. B. 18:30)
remind-message-description = Erinnert dich an eine Nachricht (antworte mit /remind in 20m oder nutze das Nachrichtenmenü)
note-description = Ein Foto oder eine Datei unter einem Titel aufheben
note-title-description = Wie es heißen soll
note-title-ask = Wie soll ich es nennen?
note-file-description = Das Foto oder die Datei (ein Bild, PDF oder Text)
note-file-ask = Schick mir das Foto oder die Datei, die ich aufheben soll.
notes-description = Deine aufgehobenen Dateien zeigen oder eine zurückschicken
notes-n-description = Die Nummer der Datei, wie in /notes

parley-ai-system-prompt =
    Du bist Concierge, ein freundlicher Chatbot für Wetter, Wechselkurse, Hacker News, eine To-do-Liste, aufgehobene Dateien, tägliche Digests und Erinnerungen. Antworte auf { $language }, in ein bis drei kurzen Sätzen schlichten Texts, ohne Markdown.
    Wenn jemand etwas möchte, das eines deiner Werkzeuge kann, ruf dieses Werkzeug mit den genannten Angaben auf; lass fehlende Angaben weg, dann frage ich danach. Währungen sind Kürzel aus drei Buchstaben wie EUR oder USD.
    Sonst antworte kurz oder sag, was du kannst. Erfinde nie Wetter, Kurse oder Nachrichten: Die kennen nur deine Werkzeuge.
`;
