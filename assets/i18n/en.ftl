## Haven — English (reference language). Every other language file has the same ids.
language-name = English

## Common
quick-exit = Exit
quick-exit-label = Quick exit: go back to the calculator and lock
back = Back
next = Next
skip = Skip
cancel = Cancel
save = Save
saved = Saved
saving = Saving…
done = Done
close = Close
working = One moment…

## First run
setup-welcome-title = Welcome
setup-welcome-body = This app keeps your safety plan and the people and services you trust, locked on this phone. Only you decide what goes in.
setup-disguise-title = It looks like a calculator
setup-disguise-body = On your home screen this app is called “Calculator”, and it works like one. Anyone who opens it sees a normal calculator.
setup-howto-title = How to open it
setup-howto-body = Type your PIN on the calculator, then press =. If the PIN is wrong, the calculator just shows the number, like any calculator — no message, no hint. After six wrong PINs in a row the app waits before it checks a PIN again; while it waits, your PIN and = show Error. Leave the calculator open and try again later: only time with the app open counts.
setup-language = Language
setup-start = Let’s start
setup-pin-title = Choose your PIN
setup-pin-body = Your PIN is only numbers, because you type it on the calculator. It needs at least { $min } digits.
setup-pin-strength = Longer is much stronger. Someone with a copy of this phone’s files could try every 6-digit PIN quickly; every extra digit makes that ten times harder. 8 digits or more is a good choice — pick numbers that are easy for you and hard to guess, not a birthday.
setup-pin-forgotten = Keep it where you will not lose it: if you forget your PIN, nobody can open your space again. After six wrong PINs in a row, the calculator waits before it tries a PIN again (at first 30 seconds, at most an hour, counted only while the app is open); while it waits, any PIN and = show Error. Any long number followed by = counts as a try, also when someone else types it.
setup-pin-label = New PIN
setup-pin-confirm-label = Type the PIN again
setup-pin-too-short = Use at least { $min } digits.
setup-pin-too-long = Use at most { $max } digits.
setup-pin-digits-only = Use numbers only.
setup-pin-mismatch = The two PINs are not the same.
setup-pin-strong = Good: { $count } digits.
setup-pin-ok-short = { $count } digits works. More digits would be stronger.
setup-limits-title = What this app can and cannot do
setup-limits-can = It can:
setup-limits-can-1 = look and work like a plain calculator;
setup-limits-can-2 = keep what you write locked and encrypted on this phone;
setup-limits-can-3 = go back to the calculator with one tap on Exit, and lock itself when you leave it.
setup-limits-cannot = It cannot:
setup-limits-cannot-1 = protect you from spyware or screen recording on this phone. If you think someone watches your phone, use a safer phone to reach help;
setup-limits-cannot-2 = protect you if someone forces you to unlock it;
setup-limits-cannot-3 = hide that the app was downloaded: the app store keeps a history;
setup-limits-cannot-4 = hide calls and texts you make: they show in the call log and on the phone bill.
setup-decoy-title = A second PIN (optional)
setup-decoy-body = You can choose a second PIN that opens “Notes”: a plain notes space with a few everyday notes picked at random, which you can change. Nothing in it speaks of safety, help or a second space. If someone makes you open the app, you can type this PIN instead.
setup-decoy-risk = Think about whether this is safe for you. Someone who knows this app knows it has a safety space, so Notes will not fool them; the second PIN helps against someone who does not know the app.
setup-decoy-label = Second PIN
setup-decoy-confirm-label = Type the second PIN again
setup-decoy-same = The second PIN must be different from your PIN.
setup-duress-label = Also erase my real space when this second PIN is used
setup-duress-risk = If you turn this on, typing the second PIN destroys the key of your real space and erases everything in it, forever, with no way back — also in copies of this phone’s files. Nobody can see on the screen that this happened. Only turn it on if losing your plan is safer than someone reading it.
setup-decoy-skip = No second PIN
setup-decoy-use = Use this second PIN
setup-creating = Setting up your locked space. This takes a few seconds…
setup-done-title = You are ready
setup-done-body = From now on this app always opens as the calculator. To come back, type your PIN and press =.
setup-done-tip = Tip: try it once now, so your fingers remember.
setup-finish = Go to the calculator

## Home
home-title = Your space
home-intro = Everything here is locked on this phone. Tap Exit at any time to go back to the calculator.
home-plan = My safety plan
home-plan-desc = Your plan, your steps — for staying, for leaving, or for later.
home-resources = My resources
home-resources-desc = People and services you trust, saved on this phone.
home-directory = Find help
home-directory-desc = National hotlines that work without internet.
home-signs = You are not alone
home-signs-desc = Signs to notice, and help that does not need police.
home-settings = Settings
home-settings-desc = PIN, second PIN, auto-lock, language, erase.
empty-soon = This part is not ready yet. It will be here in a coming update.

## Settings
settings-title = Settings
settings-language = Language
settings-idle = Lock after I stop using the app for
settings-idle-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
settings-change-pin = Change PIN
settings-change-pin-body = Choose a new PIN. Your old PIN stops working right away, also with copies of this phone’s files made before: the key it opened is destroyed. Each change counts as one try toward the waiting time after wrong PINs.
settings-new-pin = New PIN
settings-new-pin-confirm = Type the new PIN again
settings-pin-changed = Your PIN is changed.
settings-rekey = Renew the encryption key
settings-rekey-body = If you think someone copied this phone’s files and may know your PIN, renew the key. Everything gets a new key and the old one is destroyed in this phone’s secure key storage, so copies made before can no longer be opened, even with your PIN. On a computer the key is a file next to the data: a full copy made before stays readable with your PIN.
settings-rekey-button = Renew the key
settings-rekey-done = The key is renewed.
settings-decoy = Second PIN
settings-decoy-none = No second PIN is set.
settings-decoy-set = A second PIN is set.
settings-decoy-replace = Set a new second PIN
settings-decoy-remove = Remove the second PIN
settings-decoy-removed = The second PIN is removed.
settings-decoy-saved = The second PIN is saved.
settings-wipe = Erase everything
settings-wipe-body = This erases your plan, your resources and your PIN from this phone, forever. Afterwards the app is only a calculator; to set it up again, type { $code } on it. Nobody, not even you, can get the data back.
settings-wipe-confirm-label = To erase, type { $word }
settings-wipe-word = ERASE
settings-wipe-button = Erase everything now
settings-limits = What this app can and cannot do

## Errors (calm, never private)
error-generic = Something went wrong. Nothing was lost. Please try again.
error-storage = This phone could not save right now. Please try again in a moment.
error-damaged = Some saved data could not be read. What still opens is shown; the rest is kept aside.
error-wrong-current = That did not work. Please check and try again.

## Safety plan
plan-stage-label = Where are you now?
plan-stage-choose = I’d rather not say
plan-stage-staying = I am staying, for now or for good
plan-stage-thinking = I am thinking about leaving
plan-stage-leaving = I am getting ready to leave
plan-stage-left = I have left
plan-stage-note = You can change this at any time. The ideas below follow your choice. Nothing here asks you to leave.
plan-intro-none = This is your plan. Fill in only what helps you, in any order. Skip what you don’t need.
plan-intro-staying = Many people stay, for many good reasons. This plan can help you be safer where you are.
plan-intro-thinking = You don’t have to decide anything today. This plan can help you think it through, at your pace.
plan-intro-leaving = Leaving can be the most dangerous time. Plan the steps, and if you can, talk with an advocate first.
plan-intro-left = You have done something hard. This plan can help you stay safe in your new place.
plan-saved-note = Your plan is saved on this phone every time you change it.
plan-sec-warning-signs = Warning signs
plan-sec-warning-signs-hint = What happens before things get worse? Knowing the signs can give you time.
plan-sec-safe-places = Safe places
plan-sec-safe-places-hint = Places you can go if you need to, and how to get there.
plan-sec-people = People I trust
plan-sec-people-hint = Type each person yourself. Agree with each one on a code word that means “I need help”.
plan-sec-children = Children
plan-sec-children-hint = How to keep children safer, and what they can do.
plan-sec-documents = Documents and things to take
plan-sec-documents-hint = Write where each thing is kept, so you can find it fast. Tick what you have ready.
plan-sec-money = Money and work
plan-sec-money-hint = Money of your own, and work or school.
plan-sec-tech = If someone controls my phone or accounts
plan-sec-tech-hint = Steps that can help. No step can promise that nobody watches: if you think someone watches your phone, use a safer phone to reach help.
plan-sec-notes = My notes
plan-sec-notes-hint = Anything else you want to remember.
plan-up = Up
plan-down = Down
plan-skip = Skip
plan-up-label = Move “{ $section }” up
plan-down-label = Move “{ $section }” down
plan-skip-label = Skip “{ $section }” for now
plan-skipped-title = Parts you skipped
plan-skipped-note = What you wrote in them is kept.
plan-show = Show
plan-show-label = Show “{ $section }” again
plan-your-words = Your words for “{ $section }”
plan-suggestions = Ideas you can add
plan-suggestions-note = Only what you add becomes part of your plan.
plan-add = Add
plan-add-label = Add to my plan: { $text }
plan-added = Added
plan-place = Place
plan-place-how = How to get there
plan-place-add = Add a place
plan-place-remove-label = Remove place { $number }
plan-person-name = Name
plan-person-phone = Phone
plan-person-code = Code word
plan-person-add = Add a person
plan-person-remove-label = Remove person { $number }
plan-remove = Remove
plan-thing-id = ID (ID card, driver’s license, passport)
plan-thing-birth-certificates = Birth certificates
plan-thing-immigration = Immigration papers
plan-thing-medication = Medication and prescriptions
plan-thing-money = Money and bank cards
plan-thing-keys = Keys (house, car, work)
plan-thing-phone-charger = Phone charger
plan-thing-other = Something else
plan-thing-what = What is it?
plan-thing-kept = Where it is kept
plan-thing-kept-label = Where “{ $thing }” is kept
plan-thing-ready-label = “{ $thing }”: I have it ready
plan-thing-add = Add something else
plan-thing-remove-label = Remove “{ $thing }”

## Plan suggestions (copied into the plan only when the person taps Add)
plan-sug-signs-1 = They drink or use drugs more.
plan-sug-signs-2 = They get angry about money, jealousy or small things.
plan-sug-signs-3 = They check my phone or ask where I was.
plan-sug-places-room = A room with a door to the outside, away from the kitchen and the bathroom.
plan-sug-places-neighbour = A neighbor I can knock on, day or night.
plan-sug-places-open-late = A store, clinic or place of worship that is open late.
plan-sug-places-friend = A friend or family member the other person does not know well.
plan-sug-places-shelter = A shelter (a hotline can help me find one).
plan-sug-children-room = Children know a safe room or a neighbor to go to.
plan-sug-children-code = A code word that tells the children to go to a safe place.
plan-sug-children-call = Older children know how to call 911 and what to say.
plan-sug-children-school = The school knows who may and may not pick up my children.
plan-sug-children-bag = A small bag for each child: a favorite toy, medicine, a change of clothes.
plan-sug-money-cash = Keep a little cash where only I can find it.
plan-sug-money-own-account = Open a bank account in my own name, with statements sent somewhere safe.
plan-sug-money-accounts = Change the PINs of my bank cards and accounts.
plan-sug-money-work = Tell someone I trust at work, so they can screen calls or visits.
plan-sug-tech-location = Check which apps and devices share my location, and turn off what I can.
plan-sug-tech-passwords = Change passwords and security questions from a phone or computer they never used.
plan-sug-tech-new-phone = Think about a new phone or a prepaid phone, not on a shared plan.
plan-sug-tech-safer-phone = Use a friend’s phone, a library computer or a work phone to look for help.
plan-sug-tech-careful = Changing settings can alert the person who watches. It may be safer to change nothing yet.
plan-sug-tech-limits = No app can stop spyware or screen recording. This app cannot either.
plan-sug-notes-staying = Call a hotline to talk it through: they will not tell me to leave.
plan-sug-notes-thinking = Talk with an advocate without deciding anything.
plan-sug-notes-leaving = Pick a time when the other person is away.
plan-sug-notes-left = Change my routes and times to work, school and stores.

## My resources
res-intro = The people and services you trust, saved only on this phone.
res-trace-note = Good to know: calls and texts you make from this phone show in the call log and on the phone bill. This app cannot hide them. If someone checks them, think about using a safer phone.
res-trace-dismiss = Got it, don’t show this again
res-search-label = Search
res-sort-label = Sort by
res-sort-name = Name (A to Z)
res-sort-newest = Newest first
res-add = Add a resource
res-empty = Nothing saved yet. Add the people and services you trust.
res-none-found = Nothing matches your search.
res-form-new = New resource
res-form-edit = Edit resource
res-name = Name
res-phone = Phone number to call
res-sms = Number to text
res-sms-body = Text message to start with (optional)
res-website = Website
res-notes = Notes
res-name-needed = Please give it a name.
res-call = Call
res-call-label = Call { $name }
res-text = Text
res-text-label = Send a text to { $name }
res-web = Website
res-web-label = Open the website of { $name }
res-edit = Edit
res-edit-label = Edit { $name }
res-delete = Delete
res-delete-label = Delete { $name }
res-delete-confirm = Delete “{ $name }” for good?
res-delete-yes = Yes, delete
res-delete-no = Keep it
res-deleted = Deleted.
res-from-directory = Copied from the directory.

## Know the signs / you are not alone
signs-intro = What is happening to you is not your fault. Many people live through this. Help exists, and you choose what help you want.
signs-h-overlap = Different kinds of harm often come together
signs-overlap-1 = Abuse by a partner, being forced to work or to sell sex (trafficking), and harm to children often happen together.
signs-overlap-2 = One study found that as many as 70 out of 100 adult women who were trafficked had been hurt by a partner before.
signs-overlap-3 = Another study found that 79 out of 100 people hurt by a partner also had their money taken or controlled.
signs-overlap-4 = About 1 in 6 children reported as runaways are likely victims of sex trafficking (2021).
signs-h-known = It is often someone close
signs-known-1 = People who traffic others are often known to them: a partner, a husband or wife, a parent or someone else in the family.
signs-h-signs = Signs to notice
signs-sign-1 = Someone takes your money, your pay or your papers.
signs-sign-2 = Someone makes you work, or have sex, for money you do not keep.
signs-sign-3 = Someone says you owe them and must pay it back by working.
signs-sign-4 = Someone threatens to hurt you, your children or your family, or to take your children away.
signs-sign-5 = Someone keeps you away from friends and family, or watches where you go.
signs-sign-6 = Someone says it is for the family, for your relationship, or for their addiction.
signs-h-blame = It is not your fault
signs-blame-1 = Many survivors blame themselves. What happened is not your fault. What you did to survive is not your fault either.
signs-h-help = Help that does not need the police
signs-help-1 = You can get help without calling the police. Services should help you even if you do not go to the police or to court.
signs-help-2 = You do not have to be ready to leave to get help. You decide what you need, and when.
signs-help-3 = There are services run by and for Latina/o, Black, Native and other communities.
signs-find-help = Find a hotline
signs-sources = Sources
signs-sources-note = From “The Intersections of Human Trafficking, Intimate Partner Violence, and Child Welfare” by the National Center to Advance Peace for Children, Youth, and Families (NCAP). The numbers in brackets are its references:

## Directory (find help)
dir-intro = National hotlines that work without internet. Search here stays on this phone.
dir-search = Search
dir-search-placeholder = Name, kind of help, city…
dir-filters = Who it is for and how to reach them
dir-any-language = Any language
dir-language = Language
dir-state = State or area
dir-any-state = Anywhere (national lines)
dir-open = Open
dir-open-any = Any time
dir-open-now = Open now
dir-open-always = Open 24/7
dir-text = Can text
dir-chat = Can chat online
dir-no-police = No police contact needed
dir-results = { $count ->
    [one] 1 result
   *[other] { $count } results
}
dir-partial = No exact match. These are close:
dir-none = Nothing matched. Try fewer words or fewer filters.
dir-verified = Checked on { $date }
dir-not-verified = Not checked yet
dir-unverified = not verified
dir-out-of-date = This list may be out of date. It is still shown so you can reach help.
dir-confidential = Address kept private for safety.
dir-hours-always = Open 24 hours, every day
dir-save = Save to my resources
dir-saved = Saved to my resources
dir-source = Source: { $source }
dir-bundled = Built into the app: { $name }
dir-downloaded = Downloaded from { $publisher }, version { $version }
dir-pop-native = Native
dir-pop-latino = Latina/o
dir-pop-black = Black
dir-pop-lgbtq = LGBTQ+
dir-pop-youth = Youth
dir-pop-families_with_children = Families with children
dir-pop-undocumented = Undocumented
dir-pop-deaf_asl = Deaf / ASL
dir-contact-call = Call
dir-contact-text = Text
dir-contact-chat = Chat
dir-contact-tty = TTY
dir-contact-videophone = Videophone
dir-contact-web = Website
dir-contact-email = E-mail
dir-text-keyword = Text { $keyword } to { $number }
dir-updates = Updates (optional)
dir-updates-body = Downloading updates is off. If you turn it on, the app fetches the directory from the address below only when you tap Refresh. Someone who can see your network (the Wi-Fi owner, the phone company) can see that something was downloaded from that address, but not what you search for. Nothing about you is sent.
dir-updates-enable = Turn on downloading updates
dir-updates-url = Address of the directory (https)
dir-updates-confirm = Use this address
dir-updates-confirmed = This address is confirmed.
dir-updates-bad-url = Please enter an https address.
dir-refresh = Refresh now
dir-refresh-updated = The directory is updated.
dir-refresh-unchanged = The directory is already up to date.
dir-refresh-off = Downloading updates is turned off.
dir-refresh-failed = The directory could not be updated. Your directory is unchanged. You can try again later.
dir-refresh-rejected = The download did not pass the safety checks, so it was not used. Your directory is unchanged.
dir-refresh-unreachable = Could not reach the directory address. Your directory is unchanged. You can try again later.

## Resource links: import and share
import-title = Open a link
import-verified = Verified: { $organisation }, expires { $date }
import-not-verified = Not verified — check with the person who sent it
import-intro = { $count ->
    [one] This link holds 1 resource:
   *[other] This link holds { $count } resources:
}
import-nothing-yet = Nothing is saved until you tap Save.
import-save = Save to my resources
import-discard = Not now
import-saved = { $count ->
    [one] Saved 1 resource to my resources.
   *[other] Saved { $count } resources to my resources.
}
import-to-resources = Go to my resources
import-unchanged = Nothing was saved and nothing changed.
import-empty = If someone sent you a resource link, paste it below to see what it holds before saving anything.
import-paste-label = Paste a resource link
import-paste-open = Show what the link holds
link-problem-not-a-link = This does not look like a resource link. Check that you copied all of it.
link-problem-damaged = This link seems damaged or cut short. You could ask the person to send it again.
link-problem-unsupported = This link was made by a newer version of the app, so it cannot be read here yet.
link-problem-not-trusted = This link was changed after it was made, or it comes from someone the app does not know. To be safe, it is not shown.
link-problem-expired = This link has expired. Ask the person who sent it for a new one.
link-problem-cannot-share = A link could not be made from these entries. Try picking fewer.
res-from-link = Add from a link
share-title = Share resources
share-pick = Pick to share
share-pick-label = Pick { $name } to share
share-picked = { $count ->
    [one] 1 picked to share
   *[other] { $count } picked to share
}
share-open = Share picked
share-intro = Anyone with this link or QR code can see these resources. Nothing else from this phone is in it.
share-empty = Nothing picked yet. Pick entries in the directory or in my resources, then come back here.
share-remove = Remove
share-remove-label = Remove { $name } from the link
share-signed = Signed as { $organisation }. The link works until { $date }.
share-unsigned = This link is not signed, so people who open it see “Not verified”. An organisation key in Settings signs links.
share-key-expired = Your organisation key has expired, so this link is not signed. People who open it see “Not verified”.
share-qr-label = QR code of the link
share-qr-too-long = This link is too long for a QR code. Share the link text instead, or pick fewer entries.
share-link-label = The link
share-send = Share
share-sheet-shown = Choose where to send the link.
share-failed = The share menu could not open. You can copy the link instead.
share-clear = Done, clear picks
share-copy-label = Copy the link from here
share-clipboard-note = Other apps on this phone can read what you copy. The app never copies anything for you.
org-key-title = Organisation key
org-key-body = For outreach workers: with your organisation’s link key, the links you share show “Verified” with your organisation’s name. The key is kept locked in this app and is not shown again.
org-key-none = No organisation key is set. Shared links are not signed.
org-key-set = Links are signed as { $organisation } until { $date } (key { $key }).
org-key-expired = The key of { $organisation } expired on { $date }. Shared links are not signed.
org-key-pem-label = Link key (the PEM text)
org-key-delegation-label = Delegation (the text that starts with BEGIN HAVEN DELEGATION)
org-key-save = Save key
org-key-saved = The key is saved.
org-key-removed = The key is removed.
org-key-remove = Remove key
org-key-invalid = The key and delegation do not belong together, or one of them is incomplete. Nothing was saved.
share-max = You can share up to { $max } at a time.

## Setup code and limits
setup-code-title = How you got here
setup-code-body = You opened this setup by typing { $code } on the calculator. If you tap Exit now, nothing is kept and the app stays a plain calculator; type { $code } again to come back. Once you have a PIN, the code does nothing.
setup-limits-cannot-5 = fool someone who knows this app: they know it has a safety space. The second PIN helps against someone who does not.
home-link-waiting = { $count ->
    [one] 1 link waiting
   *[other] { $count } links waiting
}

## Notes (the space the second PIN opens: an ordinary notes keeper)
notes-title = Notes
notes-empty = No notes yet. Tap “New note” to write one.
notes-new = New note
notes-open-settings = Settings
notes-settings-title = Settings
notes-edit-title = Note
notes-field-title = Title
notes-field-body = Note
notes-delete = Delete
notes-delete-ask = Delete this note?
notes-delete-yes = Yes, delete it
notes-saved = Saved
notes-error = Could not save right now. Please try again.
notes-language = Language
notes-idle = Lock after I stop using the app for
notes-idle-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
notes-date = { $month } { $day }, { $year }
notes-month-1 = Jan
notes-month-2 = Feb
notes-month-3 = Mar
notes-month-4 = Apr
notes-month-5 = May
notes-month-6 = Jun
notes-month-7 = Jul
notes-month-8 = Aug
notes-month-9 = Sep
notes-month-10 = Oct
notes-month-11 = Nov
notes-month-12 = Dec

## Starter notes: a Notes space gets a few of these, picked at random
notes-starter-1-title = Groceries
notes-starter-1-body =
    Oat milk
    Eggs
    Spinach
    Tomatoes
    Rice
    Bananas
    Dish soap
notes-starter-2-title = Lentil soup
notes-starter-2-body =
    1 onion, 2 carrots, 1 cup red lentils, a spoon of cumin.
    Simmer 25 minutes, squeeze of lemon at the end.
notes-starter-3-title = Books to read
notes-starter-3-body =
    The mystery everyone at work keeps talking about
    Something short for the bus
    Finish the gardening book before it's due
notes-starter-4-title = Birthday gift ideas
notes-starter-4-body =
    Scarf in dark green
    A nice notebook
    Tickets for the botanical garden
    Bake the lemon cake again, it was a hit last year
notes-starter-5-title = Weekend away
notes-starter-5-body =
    Charger
    Swimsuit
    Sunscreen
    Two sweaters, it gets cold at night
    Snacks for the drive
notes-starter-6-title = Car
notes-starter-6-body =
    Oil change due around 45,000 miles
    Ask about the squeaky brakes
    Front left tire looks low
notes-starter-7-title = Plants
notes-starter-7-body =
    Water the fern on Sundays
    Basil wants more sun, move it to the kitchen window
    Repot the little cactus in spring
notes-starter-8-title = Pancakes
notes-starter-8-body =
    1 cup flour, 1 tbsp sugar, 2 tsp baking powder, a little salt.
    1 cup milk, 1 egg, 2 tbsp melted butter.
    Don't overmix, lumps are fine.
notes-starter-9-title = Movies to watch
notes-starter-9-body =
    The documentary about octopuses
    Something funny for Friday night
    That old black-and-white one from the film club
notes-starter-10-title = Spring cleaning
notes-starter-10-body =
    Fridge shelves
    Bathroom grout
    Wash the curtains
    Vacuum under the couch
notes-starter-11-title = Things to fix
notes-starter-11-body =
    Dripping kitchen tap
    Loose hinge on the wardrobe
    Hallway bulb
notes-starter-12-title = Picnic
notes-starter-12-body =
    Blanket
    Sandwiches
    Grapes
    Lemonade
    Napkins
    A ball for the park
notes-starter-13-title = Banana bread
notes-starter-13-body =
    3 very ripe bananas, 1/3 cup melted butter, 3/4 cup sugar, 1 egg,
    1 tsp baking soda, 1 1/2 cups flour.
    350°F for about an hour, check with a toothpick.
notes-starter-14-title = Move more
notes-starter-14-body =
    Walk 30 minutes after lunch
    Stretch before bed
    Take the stairs instead of the elevator
notes-starter-15-title = Garden ideas
notes-starter-15-body =
    Sunflowers along the fence
    A small herb box by the back door
    Ask the neighbors how they do their compost
notes-starter-16-title = Meals this week
notes-starter-16-body =
    Mon: pasta with peas
    Tue: tacos
    Wed: leftovers
    Thu: chicken and rice
    Fri: homemade pizza
notes-starter-17-title = For the kitchen
notes-starter-17-body =
    New sponges
    Baking paper
    A bigger pot for soup
    Sea salt
notes-starter-18-title = Haircut
notes-starter-18-body = Tuesday at 4. Just a trim this time, maybe a few layers.
notes-starter-19-title = Hat pattern
notes-starter-19-body =
    Cast on 88, rib for 2 inches.
    Knit plain until it measures 7 inches.
    Decrease every 8th stitch, then every other row.
notes-starter-20-title = Library
notes-starter-20-body = Return the cookbook by the 12th. Ask if the large-print copy came in.
notes-starter-21-title = Words I like
notes-starter-21-body =
    serendipity
    petrichor
    the name of that little blue flower by the bus stop
notes-starter-22-title = Good lines
notes-starter-22-body =
    Slow is smooth and smooth is fast.
    Done is better than perfect.
notes-starter-23-title = Spanish practice
notes-starter-23-body =
    Numbers up to 100
    Days of the week
    Ten minutes a day, every day
notes-starter-24-title = Guacamole
notes-starter-24-body =
    2 avocados, half a red onion, 1 lime, cilantro, salt.
    Mash with a fork, keep it chunky.
notes-starter-25-title = Holiday cards
notes-starter-25-body =
    Aunt and uncle
    Old neighbors from the blue house
    The family on the third floor
    Buy stamps
notes-starter-26-title = Laundry
notes-starter-26-body =
    Wool sweaters on cold, dry flat
    White towels separately
    Stain spray for the tablecloth
notes-starter-27-title = Paint for the living room
notes-starter-27-body =
    Warm white or light sand?
    Take the sample card to the store
    Two coats, tape the window frames first
notes-starter-28-title = Neighbor's cat
notes-starter-28-body =
    Thursday to Sunday.
    Half a can morning and evening, fresh water, clean the litter box.
notes-starter-29-title = School bake sale
notes-starter-29-body =
    Two dozen cookies, Saturday morning
    Labels with ingredients
    Paper plates
notes-starter-30-title = Tomato sauce
notes-starter-30-body =
    Olive oil, 3 cloves garlic, 1 can crushed tomatoes, a few basil leaves.
    20 minutes on low, salt at the end.
notes-starter-31-title = Wish list
notes-starter-31-body =
    Comfortable walking shoes
    A rain jacket with a hood
    A small speaker for the kitchen
notes-starter-32-title = Don't forget
notes-starter-32-body =
    Take the chicken out of the freezer the night before
    Bring the umbrella back to work
    Batteries for the wall clock

## Safety plan for every survivor (issue 16): trafficking, children, youth, tech checkup,
## code-word message, priorities, sources. Facts cite `core::sources`.
plan-sec-control = Papers, debts and who is in control
plan-sec-control-hint = If someone holds your papers, says you owe them, controls your work, or works with others. Write only what is safe to keep.
plan-sec-money-youth = Money, food and a place to stay
plan-sec-money-hint-youth = What you need to get by, and where you can get it without owing anyone.
plan-sec-people-hint-youth = Friends and adults you trust. Agree with each one on a code word that means “I need help”.
plan-sec-children-hint-youth = If you have children, or younger brothers and sisters you look after.
plan-youth-label = I am under 18
plan-youth-hint = The words and ideas in your plan change to fit you. You can change this at any time.
plan-youth-note = Before you tell an adult: some adults must report to child protective services or the police if they think a young person is being hurt. This includes teachers, doctors, nurses, counselors and social workers, and in some states every adult. You can ask first: “Do you have to report what I tell you?”
plan-youth-note-2 = Running away, living in foster care, or trading sex or anything else to get by does not make you a bad person. It is not your fault, and you can still get help.
plan-prio-title = What matters most to me now (optional)
plan-prio-note = Tick what matters most, first things first. The ideas in your plan show those first. This is not a danger assessment and gives no score.
plan-prio-children = My children
plan-prio-housing = A place to stay
plan-prio-money = Money
plan-prio-immigration = Immigration
plan-prio-relationship = The relationship
plan-prio-health = My health
plan-prio-danger = If you want to look at how dangerous things are, an advocate at a hotline or a local program can go through a danger assessment with you.
plan-about = About this information
plan-about-note = Where the facts in this part come from. Titles are in their original language.
plan-mandated-title = Who has to report
plan-mandated-body = In every US state, some people who work with children must report to child protective services or the police when they suspect a child is being abused or neglected: for example teachers, doctors, nurses, social workers, counselors, child care workers and police. In some states every adult must. Rules differ by state.
plan-mandated-ask = You can ask someone before you tell them whether they would have to report it. An advocate can explain what a report means where you live.
plan-tech-title = Tech-safety checkup
plan-tech-intro = A list to go through yourself, when it is safe. This app does not scan your phone and cannot tell whether someone watches it.
plan-tech-caution = Think about your safety before you change or remove anything: the other person may notice.
plan-tech-looked = I looked at this
plan-tech-looked-label = “{ $item }”: I looked at this
plan-tech-passwords = Passwords they know
plan-tech-passwords-body = Does the other person know or share your phone PIN, or the passwords to your email, cloud or social media accounts? Could they guess them, or your security questions?
plan-tech-passwords-line = Passwords they know or can guess: which ones, and which to change later from a safe device.
plan-tech-location = Location sharing
plan-tech-location-body = Look at which apps, family-sharing settings, cars or small trackers could share where you are.
plan-tech-location-line = What may share my location, and whether it is safe to turn it off.
plan-tech-accounts = Linked accounts and backups
plan-tech-accounts-body = Look at which devices are signed in to your accounts, and whether messages, photos or call history back up to a cloud account the other person can open.
plan-tech-accounts-line = Accounts and backups they may see, and which devices are signed in.
plan-tech-apps = Unknown apps with special rights
plan-tech-apps-body = In the phone’s settings, look for apps you do not know that have accessibility access or device administrator rights. Those rights let an app see the screen or control the phone.
plan-tech-apps-line = Apps I do not know with accessibility or device administrator rights.
plan-tech-stalkerware = Signs of stalkerware
plan-tech-stalkerware-body = The other person knows things they could only know from your phone: messages, places, photos. The phone may also get hot or lose battery faster than before, but these signs have other causes too.
plan-tech-stalkerware-line = Signs that they know what is on my phone, and a safer phone I can use.
plan-tech-bill = The phone bill
plan-tech-bill-body = If the other person pays the bill or shares the plan, they may see who you call and text, and when. Calls to hotlines can show too.
plan-tech-bill-line = Who sees the phone bill, and a safer phone for calls I want to keep private.
plan-person-message = Text the code word
plan-person-message-label = Text the code word to { $name }
plan-person-trace = This opens your messaging app with the code word typed in. Nothing is sent until you tap Send there. After that, the message stays in that app and on the phone bill, like any text.
plan-person-open = Open my messaging app
plan-person-open-label = Open my messaging app with the code word for { $name }
plan-person-cancel = Not now
plan-person-no-number = Add a phone number first.
plan-sug-signs-owe = They say I owe them more, or add to what I owe.
plan-sug-signs-move = They talk about moving me to another place or city.
plan-sug-signs-report = They threaten to call immigration or the police on me.
plan-sug-signs-family = They threaten my children or my family, here or back home.
plan-sug-people-network = Think about who in my family or community is safe to tell, and who might pass it on.
plan-sug-children-safe-adults = My children know the names of two safe adults they can go to.
plan-sug-children-what-say = Practise with my children what to do when there is shouting: go to the safe room, call a safe adult.
plan-sug-children-call-other = Older children know they can call a safe adult or a hotline, not only 911.
plan-sug-children-cps = If I fear child protective services will take my children, talk with an advocate first about how it works where I live.
plan-sug-children-used = If I was forced to involve my children, that was part of the control over me. An advocate can help me think about next steps.
plan-sug-children-custody = If the other person is my children’s father, ask an advocate about custody and a lawyer who understands abuse and trafficking.
plan-sug-control-papers = Write down which papers someone else holds (ID, passport, immigration papers). Holding someone’s papers to control them can be a federal crime.
plan-sug-control-replace = Papers can be replaced: a US passport through the State Department, a green card with USCIS form I-90, a passport from another country through its consulate. An advocate can help me do it safely.
plan-sug-control-immigration = If I fear for my immigration status: the T visa, the U visa and the VAWA self-petition protect some survivors. Ask an immigration advocate which could fit me, before I decide anything.
plan-sug-control-debt = Note what they say I owe and what I have paid, only if it is safe to keep. A debt used to make someone work or stay is a sign of trafficking.
plan-sug-control-work = If work is where I am controlled, find a safe person or place outside work.
plan-sug-control-network = Write down who is involved (a partner, family, people who work with them) and who I am not sure about.
plan-sug-control-police = I can get help without going to the police. Help should not depend on talking to them.
plan-sug-notes-danger = Ask an advocate to go through a danger assessment with me, if I want one.
plan-sug-youth-signs-older = Someone older gives me gifts, money or a place to stay, then says I owe them.
plan-sug-youth-places-drop-in = A youth drop-in center or youth shelter I could go to (a youth hotline can help me find one).
plan-sug-youth-places-friend = A friend’s home where an adult I trust lives.
plan-sug-youth-people-ask = Before I tell an adult something, ask: “Do you have to report what I tell you?”
plan-sug-youth-money-basics = Places where I can get food, a shower or a bed without trading anything.
plan-sug-youth-money-trade = If I ever traded sex or anything else for food, a place to stay or money, I did it to survive. I can still get help.
plan-sug-youth-notes-not-fault = What happened to me is not my fault.
plan-sug-youth-notes-foster = If I am in foster care, a worker, a CASA or a lawyer may be someone I can talk to.
signs-h-control = When someone holds your papers, your money or your work
signs-control-1 = Holding someone’s ID, passport or immigration papers to control them can be a federal crime in the US. Papers can be replaced, and an advocate can help you do it safely.
signs-control-2 = A debt that keeps growing, or that you are told to work off, can be a way to control you.
signs-control-3 = Trafficking includes being forced to work, or to do housework or care work, for little or no pay, not only sex.
signs-control-4 = The people in control can be a partner, parents or other family, or a group of people who work together.
signs-h-immigration = If you fear for your immigration status
signs-imm-t = The T visa is for people who are or were victims of trafficking. It allows them to stay in the US and work.
signs-imm-u = The U visa is for victims of certain crimes, including domestic violence and trafficking, who have helped or are willing to help the authorities.
signs-imm-vawa = A VAWA self-petition lets some people apply for immigration status on their own, without the abuser knowing or agreeing: people abused by a spouse or parent who is a US citizen or permanent resident, or by an adult son or daughter who is a US citizen.
signs-imm-advocate = An immigration advocate or lawyer can tell you which, if any, could fit you. Asking is not applying. This app reports nothing to anyone.
signs-h-children = Children and child protective services
signs-child-1 = Abusers and traffickers may threaten to hurt or take your children to keep control.
signs-child-2 = Some survivors have children with their trafficker. Child welfare, child support and custody systems need to understand how that can affect a parent.
signs-child-3 = If you were forced to involve your children or to bring others in, that was part of the control over you.
signs-child-4 = Some people who work with children must report suspected abuse or neglect: teachers, doctors, nurses, social workers, counselors, police and, in some states, every adult. Rules differ by state; an advocate can explain them.
signs-h-youth = If you are under 18
signs-youth-1 = Some young people trade sex for food, a place to stay or money when they have nowhere else to go. That is surviving, and it is not your fault.
signs-youth-2 = Young people who run away or live in foster care are more often targeted by people who offer a place to stay and then ask for something back.
signs-youth-3 = Before you tell an adult, you can ask whether they have to report it.
signs-about = About this information
share-safe-title = Is it safe to send this to their phone?
share-safe-body = If someone else may read their messages, show the QR code in person instead, or send only the number: it reads like an ordinary message.
share-safe-short = Send only the number
share-safe-full = Show the full link
share-short-label = Only the number, nothing else
share-short-none = None of the picked resources has a phone number.
share-short-send = Share this text

## issue 14 A: resource cards (everything that matters), what each line will and will not
## do, trust labels, traces, language names and dates
card-hours-unknown = Hours not listed. You can ask when you get through.
card-compiled = Facts compiled on { $date } from public pages. Nobody has called to check them.
card-checked = Checked on { $date }
card-dated = may be out of date
card-source-label = Source
card-sure-official = From the service’s own or an official page.
card-sure-dated = From an official page that may be old: it may be out of date.
card-sure-third-party = Seen only on other websites, not the service’s own: not verified.
card-sure-unverified = Not verified. Check the number before you rely on it.
card-translated = Translated by the people who keep this list, not by the service.
card-date = { $month } { $day }, { $year }
card-read-on = read on { $date }
card-policy-title = What this line will and will not do
card-policy-none = This list does not yet say whether this line may involve the police or child welfare. You can ask before you give your name.
card-policy-unverified = not verified: ask the line
card-policy-confidential-yes = Confidential.
card-policy-confidential-sometimes = Confidential, with limits.
card-policy-confidential-no = Not confidential.
card-policy-confidential-unknown = Confidentiality: not known.
card-policy-mandated_reporting-yes = Must report some things by law.
card-policy-mandated_reporting-sometimes = Must report in some cases.
card-policy-mandated_reporting-no = Not a reporting line.
card-policy-mandated_reporting-unknown = Reporting by law: not known.
card-policy-police-yes = Contacts the police.
card-policy-police-sometimes = May contact the police in some cases.
card-policy-police-no = Does not contact the police.
card-policy-police-unknown = Police: not known.
card-policy-child_welfare-yes = Contacts child protective services.
card-policy-child_welfare-sometimes = May contact child protective services in some cases.
card-policy-child_welfare-no = Does not contact child protective services.
card-policy-child_welfare-unknown = Child protective services: not known.
trace-title = Before you call, text or chat
trace-body = Calls and texts show in the call log and on the phone bill. Replies and callbacks can arrive as ordinary notifications, with a preview on the lock screen. Chat and websites open in the browser and stay in its history. This app cannot hide any of these. If someone checks this phone, think about using a safer phone.
trace-go = Continue
trace-cancel = Not now
res-from-link-unverified = From a link that was not verified: check the number before you rely on it.
share-has-unverified = Some of these are not verified. The link keeps them marked “not verified”, even when it is signed.
lang-en = English
lang-es = Spanish
lang-ase = American Sign Language
lang-fr = French
lang-zh = Chinese
lang-vi = Vietnamese
lang-ar = Arabic
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
## issue 17 E
dir-refresh-too-large = This directory is larger than this app accepts (16 MB), so it was not used. Your directory is unchanged.
dir-refresh-expired = This directory has already expired, so it was not used. Your directory is unchanged.
## issue 15: the log of what happened (entries, corrections, removal, attachments, export,
## guidance). Guidance cites `core::sources` (Topic::Evidence).
home-evidence = What happened
home-evidence-desc = A dated record, kept only here
ev-title = What happened
ev-edit-title = Write it down
ev-entry-title = Entry
ev-export-title = Export
ev-guide-title = Recording safely
ev-intro = Write down what happened, when you are ready and only if it is safe. Each entry gets a fingerprint and is linked to the one before it, so a change can be detected later.
ev-checked = { $count ->
    [one] 1 entry, chain checked
   *[other] { $count } entries, chain checked
}
ev-check-failed = The check found a problem: the log may have been changed or damaged. Export it and show an advocate before adding more.
ev-new = New entry
ev-continue-draft = Continue your unfinished entry
ev-export = Export for an advocate
ev-guide = How to record safely
ev-empty = Nothing written yet.
ev-removed-line = An entry was removed on { $date }.
ev-written = Written { $date }
ev-files-count = { $count ->
    [one] 1 file
   *[other] { $count } files
}
ev-fix-line = Correction written { $date }:
ev-fix-title = Correction written { $date }
ev-attachments = Photos and files
ev-amend = Add a correction
ev-f-when = When it happened
ev-f-when-hint = Your best guess is fine. You can leave it empty.
ev-f-written = Written (set by the app, cannot be changed)
ev-f-what = What happened
ev-f-place = Where
ev-f-people = Who was there or saw it
ev-f-injuries = Injuries
ev-remove = Remove this entry
ev-remove-explain = Removing deletes what you wrote and its photos and files from this app, with its corrections. The log keeps a line saying that an entry was removed and when, so the rest can still be checked. This cannot be undone.
ev-remove-yes = Remove it
ev-remove-no = Keep it
ev-att-meta = { $size }, { $type }
ev-att-show = Show
ev-att-not-shown = Kept here as it was. It opens elsewhere only in an export.
ev-written-on-save = The time it was written is set by the app when you save, and cannot be changed.
ev-amending = A correction of the entry written { $date }. That entry stays as it was; the correction is shown under it.
ev-amending-draft = A correction of an earlier entry. That entry stays as it was; the correction is shown under it.
ev-save = Save entry
ev-save-fix = Save correction
ev-draft-note = What you type is kept as you go, even if the app locks.
ev-draft-found = You have an unfinished entry from before.
ev-draft-continue = Continue it
ev-draft-discard = Delete it and start again
ev-draft-preview = It begins: { $what }
ev-limits = Up to { $count } photos or files per entry, each up to { $size }.
ev-take-photo = Take a photo
ev-add-files = Add photos or files
ev-unpick = Remove this file
ev-files-stay = Photos and files are added when you save the entry; if the app locks before that, add them again. A file you pick is copied in; the original stays where it was, so delete it there if it is not safe to keep.
ev-err-too-large = A file is larger than the limit and was not added.
ev-err-too-many = That is more files than one entry can hold. Start another entry for the rest.
ev-err-too-long = The text is too long. Split it into two entries.
ev-err-unreadable = A file could not be read and was not added.
ev-err-check = The log could not be checked: it may be damaged.
ev-err-export = The export could not be made. Nothing left the app.
ev-export-h-leaving = Before anything leaves this app
ev-export-leaving-1 = The export is one ZIP file and it is not encrypted: anyone who has it can open it and read everything in it.
ev-export-leaving-2 = Once it is outside this app it can be found by someone who looks through the phone or computer, copied, or sent to an online backup (cloud) without you noticing.
ev-export-leaving-3 = Give it to the advocate, lawyer or court in person if you can, and delete it from your phone or computer afterwards, including from downloads and the trash.
ev-export-leaving-4 = Your entries stay here as they are; exporting changes nothing in the log.
ev-export-h-inside = What is inside
ev-export-inside = A printable timeline (web page and PDF), your original photos and files, a list of every fingerprint with the chain and its signature, and a short README explaining how someone can check that nothing was changed.
ev-export-continue = I understand, continue
ev-export-save = Save the file…
ev-export-share = Share the file…
ev-export-busy = Making the export…
ev-export-saved = { $count ->
    [one] Saved 1 entry
   *[other] Saved { $count } entries
} as { $path }. Delete it once you have given it on.
ev-export-shared = { $count ->
    [one] The file with 1 entry is in the share menu
   *[other] The file with { $count } entries is in the share menu
}: only an app you pick there gets it. Delete any copy once you have given it on.
ev-export-cancelled = Nothing was saved.
ev-export-unsupported = This phone cannot pass the file on yet. Nothing left the app.
ev-guide-intro = A record can help if you decide to seek a protection order or go to court, now or later. Record only what you want to, when it is safe.
ev-guide-h-safety = Your safety comes first
ev-guide-safety-1 = A record of abuse can be dangerous if the person hurting you finds it. Think about who can see your phone and when.
ev-guide-safety-2 = If you are not sure it is safe, an advocate can help you keep records somewhere else, or keep a copy for you.
ev-guide-safety-3 = You can remove an entry at any time. The log will only show that one was removed.
ev-guide-h-what = What to write down
ev-guide-what-1 = The date and time, where it happened, and what the person did or said, in your own words.
ev-guide-what-2 = Who was there or saw it, and whether you called anyone or went to a doctor.
ev-guide-what-3 = Small things count too: they can show a pattern over time.
ev-guide-h-originals = Keep the originals
ev-guide-orig-1 = Save threatening messages, e-mails and voicemails instead of deleting them, and take a screenshot that shows who sent it and when.
ev-guide-orig-2 = Keep the original photo or file, not an edited or forwarded copy: a copy can lose the information that shows when it was made.
ev-guide-orig-3 = If you decide to block or delete, record it first. An advocate can help you decide.
ev-guide-h-injuries = Photographing injuries
ev-guide-inj-1 = Take photos as soon as you can, close up and from further away so the place on your body can be seen, and from more than one angle.
ev-guide-inj-2 = Put something next to the injury to show its size, like a coin or a ruler.
ev-guide-inj-3 = Bruises change over the following days: take more photos each day. A doctor or nurse can also record injuries.
ev-guide-app = In this app, entries and photos are kept only in its encrypted space on this device, and nothing leaves it unless you export. Each entry is fingerprinted (SHA-256) and linked to the one before, and the chain is signed with a key kept in the same space, so a change can be detected. A fingerprint shows that nothing changed after it was written; it cannot prove when something happened.
## issue 14 B
dir-zip = ZIP code (optional)
dir-zip-private = Services near this ZIP come first. Your ZIP stays on this phone: it is not sent or saved.
dir-zip-near = Services with an address are sorted by distance from this ZIP. It is not sent or saved.
dir-zip-malformed = A ZIP code is five digits.
dir-zip-unknown = This ZIP code is not in the app's list. Try one nearby.
dir-unmatched = No service mentions { $words }.
dir-none-words = Nothing matched { $words }.
dir-none-national = These national lines can help you find shelters and local services near you:
dir-none-try = You can also try a broader word, such as “shelter”, “legal help” or “counseling”. Words in Spanish work too.
dir-none-filters = No service matches all of these filters.
dir-drop = Without “{ $filter }” ({ $count })
dir-drop-words = the search words
dir-drop-all = Clear all filters
dir-lang-name-en = English
dir-lang-name-es = Spanish
dir-lang-name-ase = American Sign Language
dir-lang-name-fr = French
dir-lang-name-ht = Haitian Creole
dir-lang-name-zh = Chinese
dir-lang-name-vi = Vietnamese
dir-lang-name-ko = Korean
dir-lang-name-ar = Arabic
dir-lang-name-ru = Russian
dir-lang-name-tl = Tagalog
dir-lang-name-pt = Portuguese
dir-lang-name-so = Somali
dir-lang-name-hmn = Hmong
## issue 17 F
link-problem-revoked = Not verified — revoked. The key that signed this link has been withdrawn by the directory's root, so the link is not shown. Ask for a new one.
dir-refresh-revoked = Not verified — revoked. The download was signed with a key that has been withdrawn, so it was not used, and nothing signed with that key is shown any more.
