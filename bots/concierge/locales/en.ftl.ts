/**
 * Concierge's texts in English, in Fluent syntax (https://projectfluent.org),
 * read by `ctx.t(id, { … })`. Kept as a string: a Worker cannot read files.
 * The commands' descriptions and questions are the English of the intent
 * definitions; the other languages translate them here by id.
 */
export default `
start-greeting = Hello { $name }! I am Concierge: weather, exchange rates, news and a to-do list.
help-title = Commands
ask-description = Ask in your own words, e.g. weather in Paris

weather-service = The weather service
weather-too-long = That is too long for a place name. Please send just the city.
weather-not-found = I could not find a place called "{ $city }". Check the spelling, or try a larger town nearby.
weather-now = { $condition }, { $temperature } (feels like { $feelsLike })
weather-more = Humidity { $humidity }, wind { $wind }
weather-measured = Measured at { $time } local time
weather-refresh = Refresh
weather-code-0 = Clear sky
weather-code-1 = Mainly clear
weather-code-2 = Partly cloudy
weather-code-3 = Overcast
weather-code-45 = Fog
weather-code-48 = Freezing fog
weather-code-51 = Light drizzle
weather-code-53 = Drizzle
weather-code-55 = Dense drizzle
weather-code-56 = Light freezing drizzle
weather-code-57 = Freezing drizzle
weather-code-61 = Light rain
weather-code-63 = Rain
weather-code-65 = Heavy rain
weather-code-66 = Light freezing rain
weather-code-67 = Freezing rain
weather-code-71 = Light snow
weather-code-73 = Snow
weather-code-75 = Heavy snow
weather-code-77 = Snow grains
weather-code-80 = Light showers
weather-code-81 = Showers
weather-code-82 = Violent showers
weather-code-85 = Light snow showers
weather-code-86 = Snow showers
weather-code-95 = Thunderstorm
weather-code-96 = Thunderstorm with hail
weather-code-99 = Thunderstorm with heavy hail
weather-code-unknown = Unknown conditions

fx-service = The exchange-rate service
rate-not-a-currency = "{ $code }" is not a currency code. Use three letters, like USD or EUR.
rate-amount-too-small = The amount must be more than 0.
rate-same-currency = Pick two different currencies, like /rate USD EUR.
rate-unknown-pair = I have no exchange rate from { $from } to { $to }. Check both codes: the rates cover about 30 major currencies.
rate-result = { $amount } { $from } = { $converted } { $to }
rate-per-unit = 1 { $from } = { $rate } { $to }
rate-reference = Reference rate of { $date }

news-service = Hacker News
news-out-of-range = I can show 1 to { $max } stories; { $wanted } is out of range.
news-none = Hacker News has no top stories right now. Please try again later.
news-title = Top stories on Hacker News
news-points =
    { $points ->
        [one] 1 point
       *[other] { $points } points
    }
news-digest-title = Your news digest
news-digest-none = Hacker News has no top stories right now.

todo-too-long = That is too long for one item: please keep it under { $max } characters.
todo-full = Your list is full ({ $max } items). Tick something off first with /todo done <n>.
todo-added = Added { $item } as item { $n }.
todo-empty = Your to-do list is empty. Add something with /todo add <text>, e.g. /todo add buy milk.
todo-no-page =
    There is no page { $page }: your list has { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    }. Send /todo list 1.
todo-title =
    Your to-do list ({ $count ->
        [one] 1 item
       *[other] { $count } items
    })
todo-title-page =
    Your to-do list ({ $count ->
        [one] 1 item
       *[other] { $count } items
    }, page { $page } of { $pages })
todo-previous = ‹ Prev
todo-next = Next ›
todo-hint = Press ✓ or send /todo done <n> when an item is done.
todo-already-empty = Your to-do list is already empty.
todo-which = Which item is done?
todo-gone = That item is no longer on your list. Send /todo list to see what is.
todo-no-item =
    There is no item { $n }: your list has { $count ->
        [one] 1 item
       *[other] { $count } items
    }. Send /todo list to see them.
todo-ticked =
    Done: { $item }. { $left ->
        [0] Your list is empty now.
        [one] 1 item left.
       *[other] { $left } items left.
    }

subscribe-zone-ask = Which time zone are you in? (for example Europe/Berlin or America/New_York)
subscribe-time-ask = At what time? (24-hour clock, e.g. 08:00)
subscribe-city-ask = For which city?
subscribe-from-ask = From which currency? (e.g. USD)
subscribe-to-ask = To which currency? (e.g. EUR)
subscribe-done = Subscribed to { $digest } { $rhythm } at { $time } ({ $zone }). The first one comes { $first }.
subscribe-done-chat = This chat gets { $digest } { $rhythm } at { $time } ({ $zone }), for everyone here. The first one comes { $first }.
subscribe-first = { $day }, { $time }
subscriptions-none = You have no subscriptions here. Try /subscribe news 08:00 or /subscribe weather Berlin 07:00 weekdays (digests: { $digests }).
subscriptions-title = Your subscriptions
subscriptions-item = { $n }. { $digest }, { $rhythm } at { $time } ({ $zone }); next { $next } ({ $nextZone })
subscriptions-item-paused = { $n }. { $digest }, { $rhythm } at { $time } ({ $zone }) — paused: I could not reach this chat
subscriptions-item-chat = { $line } — for everyone in this chat
unsubscribe-button = Stop { $n }
unsubscribe-suggestion = { $n }. { $digest }, { $rhythm } at { $time } ({ $zone })
unsubscribe-which = You have more than one "{ $digest }". Send its number from /subscriptions, e.g. /unsubscribe 2.
unsubscribe-not-subscribed = You are not subscribed to "{ $digest }". See /subscriptions.
unsubscribe-done = Unsubscribed from { $digest }.
rhythm-daily = every day
rhythm-weekdays = on weekdays
rhythm-weekends = on weekends
rhythm-days = on { $days }
weather-digest-name = weather for { $city }
weather-digest-today = Today { $low } to { $high }.
weather-digest-rain = Chance of rain { $chance }.
rates-digest-name = { $from } to { $to } rate

note-title-too-long = Please keep a title under { $max } characters.
note-kept = Kept { $title } as file { $n }. Send /notes to see your files.
notes-empty = You have not kept any files yet. Send a photo or file with the caption /note <title>, e.g. /note receipt.
notes-title =
    Your files ({ $count ->
        [one] 1 file
       *[other] { $count } files
    })
notes-hint = Press a number or send /notes <n> to get a file back.
notes-no-such =
    There is no file { $n }: you keep { $count ->
        [0] no files
        [one] 1 file
       *[other] { $count } files
    }. Send /notes to see them.

remind-bad-delay = "{ $delay }" is not a delay I understand. Use minutes or hours, like 10m or 2h.
remind-out-of-range = Reminders can be 1 minute to 7 days away.
remind-minutes = { $minutes } min
remind-in-done = I will remind you in { $delay }: { $text }
remind-bad-time = "{ $time }" is not a time I understand. Use the 24-hour clock, like 18:30.
remind-at-done = I will remind you at { $time } ({ $zone }): { $text }
remind-at-done-utc = I will remind you at { $time } (UTC; /subscribe remembers your own zone): { $text }
remind-when = When should I remind you of this message?
remind-message-how = Use this on a message: reply to it with /remind in 20m, or choose "Remind me" in its menu.
remind-choice-minutes = { $minutes } min
remind-choice-hours = { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
}
remind-choice-at = at { $time }

parley-ai-system-prompt =
    You are Concierge, a friendly chat bot for the weather, exchange rates, Hacker News, a to-do list, kept files, daily digests and reminders. Answer in { $language }, in one to three short sentences of plain text, without markdown.
    When the user asks for something one of your tools does, call that tool with the arguments they gave; leave out those they did not give, and I will ask for them. Currencies are three-letter codes such as EUR or USD.
    Otherwise answer briefly, or say what you can do. Never make up weather, rates or news: only your tools know them.
`;
