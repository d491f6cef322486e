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
setup-howto-body = Type your PIN on the calculator, then press =. If the PIN is wrong, the calculator goes back to 0 — no message, no hint. After several wrong tries the app waits a while before it checks a PIN again; while it waits, your PIN and = show Error. Leave the calculator open and try again later: only time with the app open counts.
setup-language = Language
setup-start = Let’s start
setup-pin-title = Choose your PIN
setup-pin-body = Your PIN is only numbers, because you type it on the calculator. It needs at least { $min } digits.
setup-pin-strength = Longer is much stronger. Someone with a copy of this phone’s files could try every 6-digit PIN quickly; every extra digit makes that ten times harder. 8 digits or more is a good choice — pick numbers that are easy for you and hard to guess, not a birthday.
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
setup-decoy-body = You can choose a second PIN that opens a harmless-looking space with everyday notes. If someone makes you open the app, you can type this PIN instead.
setup-decoy-risk = Think about whether this is safe for you: if someone knows about the app and finds the space empty or too plain, they may not believe it.
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
settings-wipe-body = This erases your plan, your resources and your PIN from this phone, forever. Afterwards the app starts fresh. Nobody, not even you, can get the data back.
settings-wipe-confirm-label = To erase, type { $word }
settings-wipe-word = ERASE
settings-wipe-button = Erase everything now
settings-limits = What this app can and cannot do

## Errors (calm, never private)
error-generic = Something went wrong. Nothing was lost. Please try again.
error-storage = This phone could not save right now. Please try again in a moment.
error-damaged = Some saved data could not be read. What still opens is shown; the rest is kept aside.
error-wrong-current = That did not work. Please check and try again.

## Decoy content (an ordinary, lived-in space)
decoy-notes = Groceries: milk, rice, apples, bread. Call the dentist on Monday. Library books due Friday. Water the plants.

## Decoy content (continued)
decoy-money = Rent due on the 1st. Phone bill on the 15th. Save a little for the school trip.
decoy-res-dentist = Dentist — Dr. Lee
decoy-res-dentist-notes = Check-up every six months. Ask about the cleaning price.
decoy-res-library = Library
decoy-res-library-notes = Open late on Thursdays. Kids’ reading hour on Saturday.

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
