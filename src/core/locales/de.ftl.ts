/** Parley's own texts in German; see en.ftl.ts. */
export default `
parley-apology = Entschuldigung, bei mir ist etwas schiefgegangen. Bitte versuch es gleich noch einmal.
parley-answer-cut-off = (Die Antwort bricht hier ab. Bitte frag gleich noch einmal.)
parley-fallback = Das habe ich nicht verstanden. Schick /help, dann siehst du, was ich kann.
parley-not-understood = Das habe ich nicht verstanden. Das kann ich; /help zeigt alle Befehle.
parley-did-you-mean = Meintest du eines davon?
parley-choice-stale = Diese Auswahl gilt nicht mehr. Frag bitte noch einmal.
parley-slow-down = Du schickst Nachrichten schneller, als ich antworten kann. Bitte warte eine Minute und versuch es dann noch einmal.

parley-usage = Entschuldigung, { $problem }. So geht es: { $usage }
parley-arg-empty = { $name } ist leer
parley-arg-not-a-number = { $name } muss eine Zahl sein
parley-arg-not-whole = { $name } muss eine ganze Zahl sein
parley-arg-not-a-choice = { $name } „{ $value }“ gibt es nicht; wähle eines von { $choices }
parley-arg-missing = { $name } fehlt
parley-too-many-args = das sind zu viele Angaben
parley-unknown-subcommand = den Unterbefehl { $name } gibt es nicht
parley-choose-subcommand = wähle einen von { $names }
parley-file-type = { $name } ist eine Datei vom Typ { $mime }, und hier nehme ich { $accepted }

parley-file-too-big = Diese Datei ist mir zu groß: Ich nehme Dateien bis { $max }.
parley-file-failed = Das Herunterladen deiner Datei ist abgebrochen. Bitte schick sie noch einmal.
parley-file-timeout = Deine Datei hat zu lange zum Herunterladen gebraucht, deshalb habe ich aufgegeben. Bitte schick sie noch einmal.
parley-files-full =
    Du hast schon { $max ->
        [one] 1 Datei
       *[other] { $max } Dateien
    } bei mir, mehr behalte ich für niemanden.
parley-files-too-much = Mit dieser Datei wären deine Dateien größer als { $max }, mehr behalte ich für niemanden.
parley-message-gone = Diese Nachricht gibt es nicht mehr, deshalb konnte ich sie nicht ändern.

parley-service-not-found = { $service }: dazu gibt es nichts.
parley-service-rejected = { $service } konnte diese Anfrage nicht beantworten.
parley-service-unavailable = { $service } antwortet gerade nicht. Bitte versuch es gleich noch einmal.

parley-cut-note = (Der Rest war zu lang zum Senden.)
parley-answer-button = Antworten
parley-answer-field = Deine Antwort
parley-form-title = Angaben für { $command }
parley-choice-placeholder = Bitte wählen…

parley-no-such-digest = Einen Digest namens „{ $digest }“ gibt es nicht. Du kannst abonnieren: { $digests }.
parley-bad-time = „{ $time }“ ist keine Uhrzeit, die ich verstehe. Nimm die 24-Stunden-Uhr, etwa 08:00 oder 18:30.
parley-bad-zone = „{ $zone }“ ist keine Zeitzone, die ich kenne. Nimm einen Namen wie Europe/Berlin oder America/New_York.
parley-subscriptions-full = Du hast schon { $max } Abos, mehr geht nicht. Beende zuerst eines (in dem Chat, in dem du es abgeschlossen hast) und versuch es dann noch einmal.
parley-bad-rhythm = „{ $rhythm }“ ist kein Rhythmus, den ich kenne. Sag täglich, werktags, am Wochenende, einen Tag wie montags oder Tage wie mo,mi,fr.
parley-channel-subscriptions-full = Dieser Chat hat schon { $max } Abos für alle, mehr geht nicht. Beende zuerst eines und versuch es dann noch einmal.
parley-chat-rights-needed = Nur wer diesen Chat verwaltet (ein Admin), kann die Digests für alle hier ändern.
parley-digest-failed = Ich konnte { $digest } heute nicht abrufen. Beim nächsten Mal kommt es wieder.
parley-reminder-past = Diese Zeit ist schon vorbei.
parley-reminder-too-long = Eine Erinnerung darf höchstens { $max } Zeichen lang sein.
parley-reminders-full = Du hast schon { $max } Erinnerungen offen, mehr geht nicht. Jede gibt ihren Platz frei, sobald sie gesendet ist; versuch es nach der nächsten noch einmal.
parley-reminder = Erinnerung
parley-unreachable = Hier kann ich dir antworten, aber nicht von mir aus schreiben: Digests und Erinnerungen können nicht in dieses Gespräch kommen. Frag mich in einer Direktnachricht, oder füge mich dem Server hinzu.
parley-reminder-open = Zur Nachricht

parley-language-set = Ab jetzt antworte ich dir auf Deutsch.
parley-language-current = Ich antworte dir auf { $language }. Ich spreche { $languages }: schick /language und ein Kürzel, um zu wechseln, z. B. /language { $example }.
parley-language-unsupported = „{ $code }“ spreche ich nicht. Ich spreche { $languages }: schick /language und eines dieser Kürzel.

language-description = Wähle die Sprache, in der ich antworte
language-code-description = Ein Sprachkürzel wie en oder de

parley-ai-system-prompt =
    Du bist { $bot }, ein Chatbot. Antworte auf { $language }, in ein bis drei kurzen Sätzen schlichten Texts, ohne Markdown.
    Wenn jemand etwas möchte, das eines deiner Werkzeuge kann, ruf dieses Werkzeug mit den genannten Angaben auf; lass fehlende Angaben weg, dann frage ich danach.
    Sonst antworte kurz oder sag, was du kannst. Erfinde nie Fakten: Die kennen nur deine Werkzeuge.

parley-forget-ask = Soll ich alles löschen, was ich hier über dich weiß: deine Daten und Einstellungen, unser letztes Gespräch, offene Fragen, Abos, Erinnerungen und aufgehobene Dateien? Das lässt sich nicht rückgängig machen.
parley-forget-yes = Ja, alles löschen
parley-forget-no = Nein, behalten
parley-forget-done = Erledigt: Ich habe alles gelöscht, was ich über dich wusste. Wenn du wieder schreibst, fange ich von vorn an.
parley-forget-kept = Es wurde nichts gelöscht.

forget-description = Lösche alles, was ich über dich weiß
forget-confirm-description = Deine Antwort auf meine Frage: yes löscht

ask-description = Frag in deinen eigenen Worten
ask-question-description = Was du möchtest, in deinen eigenen Worten
ask-question-ask = Was möchtest du wissen?

parley-private-only = Bitte nutze diesen Befehl in einem privaten Chat mit mir.
parley-admin-only = Diesen Befehl können nur die Admins des Bots nutzen.
parley-cooldown = Bitte warte { $unit ->
    [second] { $count ->
        [one] { $count } Sekunde
       *[other] { $count } Sekunden
    }
    [minute] { $count ->
        [one] { $count } Minute
       *[other] { $count } Minuten
    }
   *[hour] { $count ->
        [one] { $count } Stunde
       *[other] { $count } Stunden
    }
}, bevor du diesen Befehl wieder nutzt.
`;
