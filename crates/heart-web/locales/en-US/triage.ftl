# The screening script's words (config/triage.toml), by message id: triage-q-<question>, triage-a-<question>-<answer>,
# triage-rule-<rule>. English is the script's own text (the source); a test keeps this file equal to it.
# Translators: translate locales/<lang>/triage.ftl from this file, message by message, in plain, person-first words.

triage-q-medical = Is anyone badly hurt right now? For example: passed out, hard to breathe, bleeding a lot, chest pain, or an overdose.
triage-a-medical-yes = Yes
triage-a-medical-no = No
triage-a-medical-unsure = Not sure
triage-q-in_area = Is the person in the area the team serves?
triage-a-in_area-yes = Yes
triage-a-in_area-no = No
triage-a-in_area-unsure = Not sure
triage-q-where_now = Where is the person now?
triage-a-where_now-outside = Outside, in a public place
triage-a-where_now-sheltering = Staying somewhere not meant for it (a doorway, an ATM room, a stairwell)
triage-a-where_now-home = At home or somewhere private
triage-a-where_now-not_said = Prefers not to say, or unknown
triage-q-weather = Are they exposed to cold, heat or weather?
triage-a-weather-yes = Yes
triage-a-weather-no = No
triage-q-distress = How is the person doing right now?
triage-a-distress-acute = In acute distress or grief
triage-a-distress-struggling = Struggling, but able to talk
triage-a-distress-calm = Calm
triage-q-suicide = Has the person spoken of thoughts of suicide or of ending their life?
triage-a-suicide-no = No
triage-a-suicide-thoughts = Yes, thoughts
triage-a-suicide-plan_now = Yes, with a plan or the means right now
triage-q-wants_visit = Does the person want someone to come in person?
triage-a-wants_visit-yes = Yes
triage-a-wants_visit-no = No
triage-a-wants_visit-unsure = Not sure
triage-q-harm_at_home = Is someone at home hurting them or trying to control them, even with money?
triage-a-harm_at_home-yes = Yes
triage-a-harm_at_home-no = No
triage-a-harm_at_home-not_said = Prefers not to say
triage-q-money_need = Is a main worry money, bills, food or housing?
triage-a-money_need-yes = Yes
triage-a-money_need-no = No

triage-rule-medical_emergency = Medical red flag: call EMS now (911 for a medical emergency). Record why, and whether the person agreed. A team may follow once EMS is there.
triage-rule-outside_area = Outside the area we serve. Offer alternatives: 988 (call or text), the Massachusetts Behavioral Health Help Line 833-773-2445, 911 for a medical emergency.
triage-rule-suicide_plan_now = Thoughts of suicide with a plan or means now, and the person is open to a visit: send a team now and stay on the line until they arrive.
triage-rule-suicide_plan_now_phone = Thoughts of suicide with a plan or means now, and the person does not want a visit: stay with them on the phone, offer 988 and the Behavioral Health Help Line 833-773-2445. Never police.
triage-rule-acute_distress_in_public = A person in acute distress or grief in a public place: send a team now; they go instead of the police.
triage-rule-sheltering_in_cold = Someone sheltering from the cold or weather: send a team with warm items and shelter options; a shelter, a warming centre or a ride, as the person chooses.
triage-rule-thoughts_money_harm_at_home = Phone support now: listen, talk through safety together. Next, with consent: mutual aid for the bills and a referral to long-term support (for example domestic-violence services). Never police.
triage-rule-thoughts_no_visit = Phone support now, and offer a visit or a follow-up call. 988 and the Behavioral Health Help Line 833-773-2445 are there at any hour.
triage-rule-wants_visit = The person asked for someone to come: send a team when one is free.
triage-rule-acute_distress_private = In acute distress but somewhere private and not asking for a visit: phone support now; offer a visit at any point.
triage-rule-practical_need = A practical need (money, food, housing): a referral to the right service, and mutual aid where it fits.
triage-rule-unreachable_in_public = Nobody can call or text this person, and they are in a public place: send a team to check in with them, instead of the police.
triage-rule-fallback = Talk it through on the phone first; offer a visit, a referral or a follow-up call as the person wishes.
triage-rule-unscreened = Not screened yet: ask the screening questions.
triage-rule-unreachable = The script suggests phone support, but this person cannot be called or texted: a call-taker decides what to do next (a visit, or another way to reach them).
