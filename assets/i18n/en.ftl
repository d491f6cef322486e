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
setup-howto-body = Type your PIN on the calculator, then press =. If the PIN is wrong, the calculator just shows a number — no message, no hint.
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
setup-duress-risk = If you turn this on, typing the second PIN erases everything in your real space, forever, with no way back. Nobody can see that this happened. Only turn it on if losing your plan is safer than someone reading it.
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
settings-change-pin-body = Choose a new PIN. Your old PIN stops working right away.
settings-new-pin = New PIN
settings-new-pin-confirm = Type the new PIN again
settings-pin-changed = Your PIN is changed.
settings-rekey = Renew the encryption key
settings-rekey-body = If you think someone copied this phone’s files and may know your PIN, renew the key. Old copies of the files can then no longer be opened with your PIN.
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
