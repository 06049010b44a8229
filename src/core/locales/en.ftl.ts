/**
 * Parley's own texts in English, in Fluent syntax (https://projectfluent.org).
 * A bot overrides any of them with a message of the same id in its own
 * messages. Kept as a string: a Worker cannot read files.
 */
export default `
parley-apology = Sorry, something went wrong on my side. Please try again in a moment.
parley-answer-cut-off = (The answer was cut off here. Please ask again in a moment.)
parley-fallback = I did not understand that. Send /help to see what I can do.
parley-not-understood = I did not understand that. Here is what I can do; /help lists every command.
parley-did-you-mean = Did you mean one of these?
parley-choice-stale = That choice is no longer open. Please ask again.
parley-slow-down = You are sending messages faster than I can answer. Please wait a minute, then try again.

parley-usage = Sorry, { $problem }. Usage: { $usage }
parley-arg-empty = { $name } is empty
parley-arg-not-a-number = { $name } must be a number
parley-arg-not-whole = { $name } must be a whole number
parley-arg-not-a-choice = there is no { $name } "{ $value }"; choose one of { $choices }
parley-arg-missing = { $name } is missing
parley-too-many-args = too many arguments
parley-unknown-subcommand = unknown subcommand { $name }
parley-choose-subcommand = choose one of { $names }
parley-file-type = { $name } is a { $mime } file, and here I take { $accepted }

parley-file-too-big = That file is too big for me: I take files up to { $max }.
parley-file-failed = The download of your file broke off. Please send it again.
parley-file-timeout = Your file took too long to download, so I gave up. Please send it again.
parley-files-full =
    You already keep { $max ->
        [one] 1 file
       *[other] { $max } files
    } with me, the most I keep for one person.
parley-files-too-much = That file would take your kept files over { $max }, the most I keep for one person.
parley-message-gone = That message is gone, so I could not change it.

parley-service-not-found = { $service } has nothing for that.
parley-service-rejected = { $service } could not answer that request.
parley-service-unavailable = { $service } is not answering right now. Please try again in a moment.

parley-cut-note = (The rest was too long to send.)
parley-answer-button = Answer
parley-answer-field = Your answer
parley-form-title = Details for { $command }
parley-choice-placeholder = Choose…

parley-no-such-digest = There is no digest called "{ $digest }". You can subscribe to: { $digests }.
parley-bad-time = "{ $time }" is not a time I understand. Use the 24-hour clock, like 08:00 or 18:30.
parley-bad-zone = "{ $zone }" is not a time zone I know. Use a name like Europe/Berlin or America/New_York.
parley-subscriptions-full = You already have { $max } subscriptions, the most one person can have. Unsubscribe from one first (in the chat where you made it), then try again.
parley-bad-rhythm = "{ $rhythm }" is not a rhythm I know. Say daily, weekdays, weekends, a day such as monday, or days such as mon,wed,fri.
parley-channel-subscriptions-full = This chat already has { $max } subscriptions for everyone, the most a chat can have. Stop one first, then try again.
parley-chat-rights-needed = Only someone who manages this chat (an admin) can change the digests everyone here gets.
parley-digest-failed = I could not fetch today's { $digest }. It comes again next time.
parley-reminder-past = That time has already passed.
parley-reminder-too-long = Please keep a reminder under { $max } characters.
parley-reminders-full = You already have { $max } reminders waiting, the most one person can have. Each one frees its place when it is sent; try again after the next one.
parley-reminder = Reminder
parley-unreachable = I can answer you here, but not post here on my own: digests and reminders cannot come to this conversation. Ask me in a direct message, or add me to the server.
parley-reminder-open = Open the message

parley-language-set = From now on I answer you in English.
parley-language-current = I answer you in { $language }. I speak { $languages }: send /language and a code to switch, e.g. /language { $example }.
parley-language-unsupported = I do not speak "{ $code }". I speak { $languages }: send /language and one of those codes.

parley-ai-system-prompt =
    You are { $bot }, a chat bot. Answer in { $language }, in one to three short sentences of plain text, without markdown.
    When the user asks for something one of your tools does, call that tool with the arguments they gave; leave out those they did not give, and I will ask for them.
    Otherwise answer briefly, or say what you can do. Never make up facts: only your tools know them.

parley-forget-ask = Shall I erase everything I keep about you here: your data and settings, our recent conversation, pending questions, subscriptions, reminders and kept files? This cannot be undone.
parley-forget-yes = Yes, erase it
parley-forget-no = No, keep it
parley-forget-done = Done: I have erased everything I kept about you. If you write again, I start afresh.
parley-forget-kept = Nothing was erased.

parley-private-only = Please use this command in a private chat with me.
parley-admin-only = Sorry, only the bot's admins can use this command.
parley-cooldown = Please wait { $unit ->
    [second] { $count ->
        [one] { $count } second
       *[other] { $count } seconds
    }
    [minute] { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }
   *[hour] { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }
} before using this command again.
`;
