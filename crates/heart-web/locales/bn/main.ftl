# reviewed-by-fluent-speaker: no
# Person-facing messages only (locales/person-facing.txt); staff pages fall back to English.

# en-hash: c887f134
skip-to-content = মূল অংশে যান
# en-hash: eb814be3
nav-label = প্রধান
# en-hash: 01b259ab
nav-sign-out = সাইন আউট ({ $name })
# en-hash: 198cca6f
nav-ask = সহায়তা চান
# en-hash: bfd402b2
nav-sign-in = সাইন ইন
# en-hash: fabcf5e7
footer-not-emergency = আমরা জরুরি পরিষেবা নই। চিকিৎসার জরুরি অবস্থায় 911-এ কল করুন। যেকোনো সময় সংকটে সহায়তার জন্য 988-এ কল বা টেক্সট করুন। অথবা Massachusetts Behavioral Health Help Line (ম্যাসাচুসেটস মানসিক স্বাস্থ্য সহায়তা লাইন)-এ 833-773-2445 নম্বরে কল করুন।
# en-hash: 89db19f6
required = (আবশ্যক)
# en-hash: c01bf554
translation-new = এই অনুবাদটি নতুন। ভাষাটি ভালো জানেন এমন কেউ এখনও এটি যাচাই করেননি। কিছু ভুল মনে হলে, আমাদের সঙ্গে কথা বলার সময় বা টেক্সটে জানান।
# en-hash: 4f5d04f5
error-home = শুরুর পাতায় যান
# en-hash: e3325a8f
error-reference = দলকে এ কথা জানালে এই রেফারেন্সটি দিন: { $name }
# en-hash: bb629e36
error-csrf-title = অনুগ্রহ করে ফর্মটি আবার পাঠান
# en-hash: 00b6c7bb
error-csrf = এই ফর্মের মেয়াদ শেষ হয়ে গিয়েছিল, অথবা এটি অন্য উইন্ডোতে খোলা হয়েছিল। কিছুই সংরক্ষণ হয়নি। অনুগ্রহ করে দেখে নিয়ে আবার পাঠান।
# en-hash: 04ed297e
error-forbidden-title = এটি এখানে আপনার কাজের অংশ নয়
# en-hash: 88a9c302
error-forbidden = আপনার অ্যাকাউন্টে এটি নেই। দরকার হলে, অ্যাডমিন অনুমতি আছে এমন কোনো সহকর্মীকে বলুন।
# en-hash: e3ebaa16
error-not-found-title = পাওয়া যায়নি
# en-hash: d0b4733c
error-not-found = আমরা ওই পাতা বা রেকর্ডটি খুঁজে পাইনি।
# en-hash: 8692ef87
error-conflict-title = এটি করা যায়নি
# en-hash: 8c98449c
error-throttled-title = অনুগ্রহ করে একটু অপেক্ষা করুন
# en-hash: 78c7f4ec
error-invalid-title = কিছু উত্তর আবার দেখা দরকার
# en-hash: f0352631
error-invalid = কিছু উত্তর আবার দেখা দরকার। ফিরে গিয়ে ফর্মটি দেখে নিন।
# en-hash: dda10dd7
error-internal-title = আমাদের দিকে কিছু একটা গোলমাল হয়েছে
# en-hash: be28368e
error-unavailable-title = অনুগ্রহ করে একটু পরে আবার চেষ্টা করুন
# en-hash: 6a95b1b7
error-unavailable = আমাদের ডেটাবেস কিছুক্ষণের জন্য পাওয়া যাচ্ছে না (হয়তো এটি বিকল্প ব্যবস্থায় যাচ্ছে)। কিছুই সংরক্ষণ হয়নি। কয়েক সেকেন্ড পরে এটি আবার পাঠান।
# en-hash: 5e42a274
error-internal = আমাদের দিকে কিছু একটা গোলমাল হয়েছে, কিছুই বদলায়নি। অনুগ্রহ করে আবার চেষ্টা করুন। বারবার এমন হলে, আপনার অ্যাডমিনকে এই ঘটনার কোডটি জানান: { $incident }।
# en-hash: b7e838d5
errors-heading = অনুগ্রহ করে এই উত্তরগুলো দেখে নিন
# en-hash: 59212ef4
field-error-required = এটি দরকার।
# en-hash: d38529b6
field-error-invalid = এটি ঠিক মনে হচ্ছে না।
# en-hash: 34b13edc
field-error-unknown = এটি দেওয়া বিকল্পগুলোর একটি নয়।
# en-hash: 64ee6332
field-error-unreachable = এখান থেকে রাস্তা দিয়ে সেখানে যাওয়ার কোনো পথ নেই।
# en-hash: 3cea9bbd
field-error-taken = এটি আগেই নেওয়া হয়েছে।
# en-hash: bb612d83
field-error-mismatch = দুটি পাসওয়ার্ড এক নয়।
# en-hash: d1c5d653
alt-heading = এখনই যদি কাউকে দরকার হয়
# en-hash: 7d2805ba
alt-988 = 988 আত্মহত্যা ও সংকট লাইফলাইন: যেকোনো সময় 988-এ কল বা টেক্সট করুন।
# en-hash: 268660fb
alt-bhhl = Massachusetts Behavioral Health Help Line (ম্যাসাচুসেটস মানসিক স্বাস্থ্য সহায়তা লাইন): 833-773-2445, যেকোনো সময়, অনেক ভাষায়।
# en-hash: 56e6607c
alt-911 = চিকিৎসার জরুরি অবস্থা: 911-এ কল করুন।
# en-hash: f34fe822
phone-text-988 = টেক্সট পাঠান
# en-hash: f3808f25
hours-open = আমরা এখন খোলা আছি।
# en-hash: f4e71746
hours-open-until = আমরা এখন খোলা আছি, { $until } পর্যন্ত।
# en-hash: 461f2540
hours-closed = আমরা এখন বন্ধ।
# en-hash: c575dfde
hours-closed-until = আমরা এখন বন্ধ। আবার খুলব: { $at }।
# en-hash: 8f3a16bf
home-title = পুলিশের বদলে সহায়তা
# en-hash: bd88c356
home-heading = { $team }: কমিউনিটি সংকট সহায়তা
# en-hash: 5df2db4f
home-what = { $area }-এ কেউ কষ্টে থাকলে, বিবাদে জড়ালে বা সাহায্য দরকার হলে, পুলিশের বদলে আমাদের পিয়ার সহায়তাকারীরা আসেন। আমরা শুনি, পাশে থাকি, আর মানুষকে তাঁদের দরকারি সহায়তার সঙ্গে যুক্ত করি।
# en-hash: f3b82efd
home-not-emergency = আমরা জরুরি পরিষেবা নই। চিকিৎসার জরুরি অবস্থায় 911-এ কল করুন।
# en-hash: 198cca6f
home-ask = সহায়তা চান
# en-hash: 9c870aa6
home-how-heading = এটি কীভাবে কাজ করে
# en-hash: 6dec8e39
home-how-1 = কী হচ্ছে আমাদের বলুন, নিজের জন্য বা অন্য কারও জন্য। আপনার নাম দিতে হবে না।
# en-hash: 7782edf5
home-how-2 = একজন পিয়ার সহায়তাকারী আপনাকে ফোন করবেন, অথবা দুজনের একটি দল আপনার কাছে আসবে।
# en-hash: a94cadd6
home-how-3 = আমরা কখনও পুলিশ পাঠাই না। আপনি যা বলেন, তার কিছুই পুলিশকে জানানো হয় না।
# en-hash: 198cca6f
request-title = সহায়তা চান
# en-hash: 198cca6f
request-heading = সহায়তা চান
# en-hash: ccecd5a6
request-questions-hint = এই প্রশ্নগুলো আমাদের ঠিক করতে সাহায্য করে কে আসবে। যেটির উত্তর দিতে চান না, সেটি বাদ দিতে পারেন।
# en-hash: f6f4688f
request-send = পাঠান
# en-hash: 9681d288
request-limited = গত কয়েক মিনিটে এই সংযোগ থেকে অনেক অনুরোধ এসেছে, তাই এটি পাঠানো হয়নি। কয়েক মিনিট পরে আবার চেষ্টা করুন। এখনই কাউকে দরকার হলে, নিচের কোনো একটি লাইন ব্যবহার করুন।
# en-hash: 07253bb3
donate-limited = গত কয়েক মিনিটে এই সংযোগ থেকে অনেক দান শুরু করা হয়েছে, তাই এটি শুরু হয়নি। কয়েক মিনিট পরে আবার চেষ্টা করুন।
# en-hash: ebbd2763
thanks-title = আমরা আপনার অনুরোধ পেয়েছি
# en-hash: ebbd2763
thanks-heading = আমরা আপনার অনুরোধ পেয়েছি
# en-hash: acf4f398
thanks-reference = আপনার রেফারেন্স নম্বর: { $reference }
# en-hash: fd726019
thanks-status-link = আপনার অনুরোধ কোন পর্যায়ে আছে দেখুন
# en-hash: 5e63933a
thanks-status-hint = ফিরে আসার জন্য এই লিংকটি রেখে দিন। এটি দেখায় আপনার অনুরোধ কতদূর এগিয়েছে, আপনার সম্পর্কে কিছু নয়। লিংকটি যার কাছে থাকবে সে-ই এটা দেখতে পারবে, তাই এটি গোপন রাখুন।
# en-hash: f707b233
progress-kind-web = সহায়তার জন্য আপনার অনুরোধ
# en-hash: 1f6b043a
thanks-closed = আমরা এখন বন্ধ, তাই { $at } পর্যন্ত কেউ আপনার অনুরোধ দেখবে না। তার আগে কাউকে দরকার হলে, নিচের কোনো একটি লাইন ব্যবহার করুন।
# en-hash: d9572c66
thanks-full = আমাদের সব দল এখন অন্য মানুষের সঙ্গে আছে। আপনার অনুরোধ অপেক্ষার তালিকায় আছে। কোনো দল ফাঁকা হলেই আমরা আসব। অপেক্ষা করতে না পারলে, নিচের কোনো একটি লাইন ব্যবহার করুন।
# en-hash: e664cc2c
thanks-team = কোনো দল ফাঁকা হলেই রওনা দেবে।
# en-hash: 2a92247f
thanks-contact = আপনি যেভাবে নিরাপদ বলেছেন, দলের কেউ সেভাবেই আপনার সঙ্গে যোগাযোগ করবেন।
# en-hash: 1700d434
intake-who-legend = কে চাইছেন?
# en-hash: 843f77ae
requester-person = যাঁর সহায়তা দরকার, সেই ব্যক্তি
# en-hash: 8f2a684c
requester-on_behalf = অন্য কারও জন্য সাহায্য চাইছেন এমন কেউ
# en-hash: ff394c9a
requester-partner = একটি সহযোগী সংস্থা
# en-hash: 2207d4a0
intake-summary = কী হচ্ছে?
# en-hash: 2b40c4f7
intake-summary-hint = সহজ কথায় লিখুন। শুধু সেটুকু, যা ব্যক্তিটিকে সহায়তা করতে আমাদের কাজে লাগবে।
# en-hash: 91f45115
intake-where-legend = কোথায়?
# en-hash: d24e3af4
intake-location = ব্যক্তিটি কোথায় আছেন?
# en-hash: 1edde58b
intake-location-hint = একটি রাস্তা, মোড় বা জায়গা। চাইলে এটি ফাঁকা রাখতে পারেন।
# en-hash: dac57454
intake-location-withheld = বলতে চান না
# en-hash: 238a676d
intake-lat = অক্ষাংশ
# en-hash: 6d80458f
intake-lon = দ্রাঘিমাংশ
# en-hash: 05a49b09
intake-contact-legend = কীভাবে তাঁর সঙ্গে যোগাযোগ করা যাবে
# en-hash: daf3a133
intake-contact-hint = সবই ঐচ্ছিক। নাম ছাড়া অনুরোধও স্বাগত।
# en-hash: 26f8d208
intake-contact-name = নাম, বা তাঁকে কী বলে ডাকব
# en-hash: 63dceb88
intake-contact-phone = ফোন
# en-hash: a52d18b6
intake-safe-legend = কোনটি নিরাপদ?
# en-hash: f884bf09
intake-safe-hint = মানুষ যেভাবে নিরাপদ বলেন, আমরা শুধু সেভাবেই যোগাযোগ করি।
# en-hash: 5bb8abce
intake-safe-call = ফোন কল নিরাপদ
# en-hash: 59b01c57
intake-safe-text = টেক্সট মেসেজ নিরাপদ
# en-hash: 1a32d258
intake-safe-voicemail = ভয়েসমেল নিরাপদ
# en-hash: 48ec414f
intake-safe-hours = যোগাযোগের নিরাপদ সময়
# en-hash: e8363c25
safe-times-hint = আমাদের স্থানীয় সময় ব্যবহার করুন। জিজ্ঞেস করুন কখন আর কেউ দেখবে বা শুনবে না।
# en-hash: 5e7de49a
safe-times-any = যেকোনো সময়
# en-hash: b577e601
safe-times-only = শুধু এই দিনগুলোতে, এই সময়ের মধ্যে
# en-hash: e08c0aa8
safe-times-days = দিন
# en-hash: 21819769
safe-times-from = কখন থেকে
# en-hash: 7caf856e
safe-times-to = কখন পর্যন্ত
# en-hash: 996a0dfa
field-error-safe_hours = আগে দিন, তারপর সময় লিখুন, যেমন mon-fri 18:00-21:00।
# en-hash: 765944ea
field-error-safe_hours_missing = দিন আর দুটো সময়ই বেছে নিন, অথবা “যেকোনো সময়” বেছে নিন।
# en-hash: 3d788c63
intake-code-word = সংকেত শব্দ
# en-hash: e77a0573
intake-code-word-hint = আমাদের সহায়তাকারী এই শব্দটি বলবেন, যাতে তাঁরা বোঝেন এটা আমরা।
# en-hash: 33b2baff
intake-language = তাঁর পছন্দের ভাষা
# en-hash: 8aa3e2b2
intake-interpreter = মানুষটি একজন দোভাষী চান
# en-hash: b3f8aa04
intake-questions-legend = কয়েকটি প্রশ্ন
# en-hash: ba118bf7
language-en = ইংরেজি
# en-hash: 3411059c
language-es = স্প্যানিশ
# en-hash: da8757fe
language-pt-BR = পর্তুগিজ (ব্রাজিল)
# en-hash: ec18adfb
language-ht = হাইতিয়ান ক্রেওল
# en-hash: 8a9779f4
language-zh = চীনা
# en-hash: e1b6cb2b
language-am = আমহারিক
# en-hash: bafb66f3
language-ar = আরবি
# en-hash: e7f4fe26
language-bn = বাংলা
# en-hash: e901fd85
language-other = অন্য কোনো ভাষা
# en-hash: 76f5ad67
need-housing = থাকার জায়গা
# en-hash: e4eb1806
need-food = খাবার
# en-hash: 5ccc2e87
need-money = টাকাপয়সা
# en-hash: 726d11bd
need-safety = নিরাপত্তা
# en-hash: 014659ab
need-conflict = বিবাদ
# en-hash: fec80bef
need-medical = চিকিৎসা
# en-hash: f97e9da0
need-other = অন্যান্য
# en-hash: 49f19bee
status-received = পাওয়া গেছে
# en-hash: a62f9212
status-triaged = প্রাথমিক প্রশ্ন শেষ
# en-hash: cf540bd3
status-waiting = দলের অপেক্ষায়
# en-hash: 0f3453e1
status-assigned = দল ঠিক হয়েছে
# en-hash: c21ead06
status-closed = বন্ধ
# en-hash: d353a99e
status-cancelled = বাতিল
# en-hash: 5011c951
time-in = { $duration } পরে
# en-hash: 159c8275
time-ago = { $duration } আগে
# en-hash: a69e7639
duration-m = { $m } মিনিট
# en-hash: e2266625
duration-h = { $h } ঘণ্টা
# en-hash: cd500055
duration-dh = { $d } দিন { $h } ঘণ্টা
# en-hash: 8f3e5009
footer-what-we-hold = মানুষের সম্পর্কে আমরা কী তথ্য রাখি, এবং কতদিন
# en-hash: 5466af5f
inventory-title = মানুষের সম্পর্কে আমরা কী তথ্য রাখি
# en-hash: 824337fa
inventory-intro = এই পরিষেবা কোন কোন ব্যক্তিগত তথ্য রাখে, কেন, কতদিন, এবং কে তা দেখতে পারেন। আমরা যতটা সম্ভব কম তথ্য নিই। আপনি একজন সহায়তাকারীকে আপনার রেকর্ড দেখাতে, তার কপি দিতে বা মুছে ফেলতে বলতে পারেন।
# en-hash: d3ae14a5
inventory-why = কেন
# en-hash: 99a013a8
inventory-kept = কতদিন
# en-hash: 5d34a0f3
inventory-who = কে দেখতে পারেন
# en-hash: 41d7f6da
inventory-how = কীভাবে সুরক্ষিত রাখা হয়
# en-hash: 8250f82b
inv-kept-days = ব্যক্তিটির সঙ্গে শেষ যোগাযোগের পর { $days } দিন। তারপর এটি নিজে থেকেই মুছে যায়, যদি না ব্যক্তিটি আমাদের এটি রেখে দিতে বলেন।
# en-hash: b1ccdd6b
inv-sealed = শুধু এই একজন ব্যক্তির জন্য তৈরি একটি চাবি দিয়ে তালাবন্ধ। ব্যক্তিটির তথ্য মুছে ফেললে চাবিটিও নষ্ট হয়ে যায়।
# en-hash: f2208d23
inv-who-request = যাঁরা কল ধরেন, দল পাঠান ও কাজের পরিকল্পনা করেন। যে দলটি গিয়েছিল, তার সহায়তাকারীরা।
# en-hash: 7dfd31da
inv-who-care = যাঁরা দল পাঠান ও কাজের পরিকল্পনা করেন। যে দলটি গিয়েছিল, তার সহায়তাকারীরা।
# en-hash: 41d25250
inv-request = কী হয়েছে, যিনি সহায়তা চেয়েছেন তাঁর নিজের কথায়, আর আমাদের প্রশ্নের উত্তরে তিনি যা বলেছেন
# en-hash: c6f386b6
inv-request-why = যাতে আমরা ঠিক মানুষদের, ঠিক জিনিসপত্র সঙ্গে দিয়ে পাঠাই।
# en-hash: 5110d6ff
inv-place = ব্যক্তিটি কোথায় আছেন: কথায় জায়গাটির বর্ণনা, আর মানচিত্রে একটি বিন্দু
# en-hash: 2c9776c6
inv-place-why = ব্যক্তিটিকে খুঁজে পেতে।
# en-hash: 7471aaa0
inv-contact = নাম ও ফোন নম্বর, যদি ব্যক্তিটি দিয়ে থাকেন। নাম না দিয়েও আপনি সাহায্য পেতে পারেন।
# en-hash: 8cdc03bb
inv-contact-why = ব্যক্তিটির সঙ্গে আবার যোগাযোগ করতে, শুধু সেইভাবে যেভাবে তিনি নিরাপদ বলেছেন।
# en-hash: fcfc06c0
inv-contact-how = ওপরের মতোই তালাবন্ধ। ফোন নম্বর থেকে তৈরি একটি কোডও আমরা রাখি। এই কোড থেকে নম্বরটি আর ফিরে পাওয়া যায় না। এটি আমাদের দেখায় যে একজন মানুষ আগেও ফোন করেছিলেন।
# en-hash: 26288c2c
inv-safe = কখন ও কীভাবে ব্যক্তিটির সঙ্গে যোগাযোগ করা নিরাপদ, একটি সংকেত শব্দ, আর তিনি দোভাষী চান কি না
# en-hash: b7dfc3b2
inv-safe-why = যাতে যোগাযোগ করতে গিয়ে আমরা কখনও তাঁকে বিপদে না ফেলি।
# en-hash: 0ffed447
inv-encounter = দলটি কী করেছে, আর সে বিষয়ে ব্যক্তিটির নিজের কথা
# en-hash: 372c9e6d
inv-encounter-why = যাতে যত্ন চালিয়ে যাওয়া যায়, আর ব্যক্তিটি যে খোঁজখবরে রাজি হয়েছেন তার জন্য।
# en-hash: e7090de0
inv-follow-up = কোনো অনুরোধ নিয়ে দল যে নোট লেখে: কী হয়েছে, ব্যক্তিটির সঙ্গে যোগাযোগের চেষ্টা, পরের শিফটের যা জানা দরকার, আর দেখা করার পরে খোঁজখবর নেওয়া
# en-hash: 57288c17
inv-follow-up-why = যাতে পরের শিফট জানতে পারে কী হয়েছে, আর কথামতো খোঁজখবর নিতে।
# en-hash: 6e22e4ba
inv-aid = দল কোনো ব্যক্তির জন্য যে টাকা দিয়েছে (পারস্পরিক সহায়তা): নোট, কাকে টাকা দেওয়া হয়েছে (যেমন বিদ্যুৎ কোম্পানি বা বাড়িওয়ালা), কোনো অনুরোধ কেন নাকচ হয়েছে, আর রসিদ
# en-hash: e8af8e87
inv-aid-why = যাতে টাকা দেওয়ার আগে দুজন মানুষ তা যাচাই করেন, আর হিসাবের খাতায় দেখা যায় টাকা কোথায় গেছে।
# en-hash: da2d5073
inv-aid-who = যে সহায়তাকারী টাকা চেয়েছিলেন, আর যাঁরা টাকাপয়সা সামলান।
# en-hash: 79d54927
inv-aid-how = ওপরের মতোই তালাবন্ধ। টাকার পরিমাণ, কীসের জন্য, আর কী ধরনের প্রাপক, তা হিসাবের খাতায় থেকে যায়। হিসাবের খাতায় সহায়তার অনুরোধটির উল্লেখ থাকে, ব্যক্তিটির কখনও নয়।
# en-hash: 3acf70db
inv-referral = আমরা যে পরিষেবায় কাউকে পাঠিয়েছি, সেখানে তিনি যা জানাতে বেছে নিয়েছেন: নামের প্রথম অংশ, ফিরতি কলের জন্য একটি নম্বর, প্রয়োজন, ভাষা, একটি নোট। শুধু তিনি যা বেছে নিয়েছেন।
# en-hash: dbe6749e
inv-referral-why = যাতে পরিষেবাটি তাঁর সঙ্গে যোগাযোগ করতে পারে। তিনি রাজি হননি এমন কিছুই কখনও পাঠানো হয় না।
# en-hash: f0429176
inv-referral-who = যে পরিষেবায় পাঠানো হয়েছে, শুধু ওই তথ্যটুকু। যাঁরা কাজের পরিকল্পনা করেন। যে দলটি গিয়েছিল, তার সহায়তাকারীরা।
# en-hash: 088c67e3
inv-referral-how = ওপরের মতোই তালাবন্ধ। রেফারেলটি ফিরিয়ে নিলে, বা ব্যক্তিটির তথ্য মুছে ফেললে, এটি মুছে যায়। পরিষেবাটি ব্যক্তিটির সম্পর্কে আর কিছুই কখনও দেখে না।
# en-hash: 9aa67b13
inv-sms = ব্যক্তিটিকে পাঠানো ও তাঁর পাঠানো টেক্সট মেসেজ, আর যে নম্বর থেকে তিনি টেক্সট করেছেন
# en-hash: 03a113e2
inv-sms-why = যিনি টেক্সটে সহায়তা চেয়েছেন, তাঁর সঙ্গে কথা বলতে। তিনি টেক্সট নিরাপদ বললে তবেই আমরা আপডেট পাঠাই।
# en-hash: 5327a649
inv-sms-how = ওপরের মতোই তালাবন্ধ। কোনো নম্বর থেকে STOP লেখা হলে, আমরা শুধু সেই নম্বর থেকে তৈরি একটি কোড রাখি। সেই নম্বর থেকে START না আসা পর্যন্ত আমরা সেখানে কিছুই পাঠাই না। আমাদের টেক্সট পরিষেবাও (Twilio) প্রতিটি মেসেজ আর নম্বরটি নিজের রেকর্ডে, নিজের শর্তে রাখে। এখানে কারও তথ্য মুছে ফেলা হলে, আমরা Twilio-কেও তাঁর মেসেজগুলো মুছে দিতে বলি। উত্তর না পাওয়া পর্যন্ত আমরা বলতেই থাকি। আমরা কীভাবে Twilio-র পরিষেবা ব্যবহার করি, তার যে রেকর্ড Twilio রাখে, তা আমরা মুছতে পারি না।
# en-hash: eeeeee38
inv-alert = সহযোগী সংস্থার একটি সতর্কবার্তা, যতক্ষণ সেটি তাদের টাইমারের অপেক্ষায় থাকে: তারা কী দেখেছে, আর কোথায়
# en-hash: 7c3dbfc2
inv-alert-why = যাতে সতর্কবার্তা পুলিশের কাছে নয়, আমাদের দলের কাছে পৌঁছায়, আর শুধু সময় শেষ হলেই। যেমন: কেউ এক ঘণ্টার বেশি সময় ধরে এখানে ভেতরে আছেন।
# en-hash: 1a4462e1
inv-alert-kept = টাইমার শেষ না হওয়া পর্যন্ত। তারপর এটি একটি অনুরোধ হয়ে যায়, ওপরের মতো। সহযোগী সংস্থা যদি বলে ব্যক্তিটি চলে গেছেন, তবে এটি মুছে ফেলা হয়।
# en-hash: fe6ad4fe
inv-alert-who = অপেক্ষার সময় কেউ না। তারপর, অনুরোধ যাঁরা দেখতে পারেন, তাঁরাই।
# en-hash: 08333599
inv-alert-how = সার্ভারের চাবি দিয়ে তালাবন্ধ। জায়গাটি শুধু একটি কোড হিসেবে রাখা হয়, যাতে একই জায়গা থেকে আসা সতর্কবার্তাগুলো মেলানো যায়।
# en-hash: 44828e65
inv-donor = দাতাদের নাম ও ইমেল ঠিকানা, তাঁদের দান, আর তাঁদের বার্তা
# en-hash: e82df1b6
inv-donor-why = রসিদ আর বছরে একবার দানের বিবরণী পাঠাতে, আর সৎভাবে হিসাব রাখতে।
# en-hash: c2ed8196
inv-donor-kept = যতদিন হিসাব রাখতে হয়: সাধারণ নিয়মে, দানের পর সাত বছর।
# en-hash: 12f13599
inv-donor-who = যাঁরা টাকাপয়সা সামলান। আমরা যাঁদের সহায়তা করি, তাঁদের রেকর্ডের সঙ্গে এটি কখনও জোড়া হয় না।
# en-hash: 00664add
inv-donor-how = সহায়তার রেকর্ড থেকে আলাদা রাখা হয়। রসিদ আমাদের নিজেদের মেল সার্ভার দিয়ে যায়। আমাদের লগে শুধু সেই সার্ভারের উত্তরের কোড থাকে, কখনও কোনো ঠিকানা নয়। ব্যাকআপ সার্ভারের মতোই সুরক্ষিত।
# en-hash: f29a553f
inv-legal = রেকর্ড চেয়ে আসা দাবি, যেমন আদালতের সমন বা আদালতের আদেশ: কে চেয়েছে, তাদের রেফারেন্স, তারা কী চেয়েছে, আর আমরা কিছু দিয়ে থাকলে কী দিয়েছি
# en-hash: 989289b7
inv-legal-why = যাতে প্রতিটি দাবি দুজন মানুষ দেখেন, আর আমরা কী দিতে রাজি হইনি তা দেখাতে পারি। আদালত নিষেধ না করলে, ব্যক্তিটিকে জানানো হয়।
# en-hash: cf6cd6d9
inv-legal-kept = তালিকাটি থেকে যায়। কোনো ব্যক্তি সম্পর্কে দাবির কথাগুলো ব্যক্তিটির তথ্যের সঙ্গেই মুছে ফেলা হয়।
# en-hash: b2a2789a
inv-legal-who = যাঁরা কাজের পরিকল্পনা করেন।
# en-hash: 420c269d
inv-legal-how = কোনো ব্যক্তি সম্পর্কে দাবি সেই ব্যক্তির চাবি দিয়ে তালাবন্ধ থাকে। তাই ব্যক্তিটির তথ্য মুছে ফেললে দাবির কথাগুলোও মুছে যায়। অন্য যেকোনো দাবি সার্ভারের চাবি দিয়ে তালাবন্ধ থাকে।
# en-hash: fdede359
inv-ems = কেন অ্যাম্বুলেন্স (জরুরি চিকিৎসা পরিষেবা) ডাকা হয়েছিল, আর ব্যক্তিটি রাজি ছিলেন কি না
# en-hash: 0662c23b
inv-ems-why = অ্যাম্বুলেন্স ডাকা খুব কম হয়, আর প্রতিবার আমরা তা লিখে রাখি।
# en-hash: 18bb05b3
inv-ems-who = যাঁরা কল ধরেন, দল পাঠান ও কাজের পরিকল্পনা করেন।
# en-hash: faa87699
inv-ems-how = কারণটি ওপরের মতোই তালাবন্ধ। ব্যক্তিটি রাজি ছিলেন কি না, তা শুধু হ্যাঁ বা না হিসেবে রাখা হয়।
# en-hash: b805b26b
inv-counts = সময়, ধাপ, কীভাবে শেষ হলো, প্রয়োজনের ধরন, ভাষা। কোনো নাম নয়।
# en-hash: 78da5518
inv-counts-why = পরিষেবা চালাতে, আর অর্থদাতাদের ও শহরকে সংখ্যা জানাতে।
# en-hash: 92e2e16d
inv-counts-kept = চিরকাল, শুধু সংখ্যা হিসেবে। ব্যক্তিটির তথ্য মুছে ফেলার পর, সংখ্যাগুলো আর তাঁর সঙ্গে মেলানো যায় না।
# en-hash: 15108cd4
inv-counts-who = দলের সবাই। দলের বাইরে শুধু সংখ্যাই যায়।
# en-hash: c860ff22
inv-counts-how = ডেটাবেসে রাখা হয়। ব্যাকআপ সার্ভারের মতোই সুরক্ষিত।
# en-hash: 2b1aea43
inv-outreach = আউটরিচ হাঁটায়: আমরা কতজনের সাথে দেখা করেছি আর তাদের কী দিয়েছি, কোনো নাম ছাড়া। কেউ রাজি হলে, তার বেছে নেওয়া অংশ দিয়ে (যেমন নামের আদ্যক্ষর আর জন্মমাস) তৈরি একটি ফিরে-আসা কোড, যা শুধু এমন এলোমেলো রূপে রাখা হয় যে কেউ আর পড়তে পারে না।
# en-hash: 148d81bd
inv-outreach-why = কাজটা সৎভাবে গুনতে, আর আবার দেখা হওয়া মানুষকে একবারই গুনতে।
# en-hash: 20b9d694
inv-outreach-kept = চিরকাল, সংখ্যা হিসেবে। চাবি বদলে যেকোনো সময় সব কোডের মিল বন্ধ করতে পারি: তখন আগের কোডগুলো আর কারও সাথে মেলে না।
# en-hash: 4c1ffa11
inv-outreach-who = দলের যারা বাইরে যান বা কাজের পরিকল্পনা করেন। দল থেকে শুধু সংখ্যাই বাইরে যায়।
# en-hash: 1637a136
inv-outreach-how = কোডটি ডেটাবেসের বাইরে রাখা একটি চাবি দিয়ে এলোমেলো করা হয়, তাই শুধু ডেটাবেস দিয়ে কাউকে এর সাথে যুক্ত করা যায় না।
# en-hash: e433807a
inv-audit = কে কোনো ব্যক্তির রেকর্ড দেখেছেন বা বদলেছেন (অডিট লগ)। এতে নাম নয়, কোড ব্যবহার হয়।
# en-hash: 153eb9f6
inv-audit-why = যাতে কেউ চিহ্ন না রেখে কোনো ব্যক্তির তথ্য দেখতে না পারেন।
# en-hash: 200a8e17
inv-audit-kept = চিরকাল। এতে কোনো ব্যক্তিগত তথ্য থাকে না।
# en-hash: 5e735d35
inv-audit-who = যাঁরা কাজের পরিকল্পনা করেন। ব্যক্তিটি নিজেও, তাঁর রেকর্ডের নিজের কপিতে।
# en-hash: 63bbad33
inv-audit-how = প্রতিটি এন্ট্রি আগেরটির সঙ্গে যুক্ত, আর পুরো শিকলটিতে সই করা থাকে, তাই কোনো বদল হলে তা দেখা যায়।
# en-hash: b3468608
inventory-not-held = যা আমরা কখনও রাখি না
# en-hash: 3e3b0bd8
inventory-not-held-list = ইমিগ্রেশন স্ট্যাটাস। ঝুঁকির স্কোর বা "বারবার ফোন করেন" ধরনের চিহ্ন। পুলিশের জন্য বা পুলিশের কাছ থেকে কিছুই না। পুলিশের কোনো ভূমিকা নেই, পুলিশকে কিছু পাঠানোর কোনো উপায়ও নেই।
# en-hash: 76979221
inventory-your-rights = কেউ আপনার সম্পর্কে তথ্য দাবি করতে পারে (যেমন আদালতের সমন বা পুলিশের অনুরোধ)। তখন তা লিখে রাখা হয়, আর দুজন মানুষ তা দেখেন। আদালতের আদেশে নিষেধ না থাকলে, আমরা আপনাকে জানাই।
# en-hash: bae8ad76
field-error-unchanged = অ্যাকাউন্টটি এটা আগে থেকেই করতে পারে।
# en-hash: e5398945
suggest-some = %n টি জায়গা মিলেছে। একটি বেছে নিতে তীর-চিহ্নের কী ব্যবহার করুন।
# en-hash: 20ad9e3a
suggest-none = এই শব্দগুলোর সঙ্গে এখনও কোনো জায়গা মেলেনি।
# en-hash: 1874dac6
suggest-chosen = বেছে নেওয়া হয়েছে: %p। মানচিত্রে এর জায়গাটি বসিয়ে দেওয়া হয়েছে।
# en-hash: c6402106
nav-donate = দান করুন
# en-hash: 0059798b
optional = (ঐচ্ছিক)
# en-hash: da8c72b1
donate-title = আজই দান করুন
# en-hash: da8c72b1
donate-heading = আজই দান করুন
# en-hash: a3664cc0
donate-intro = আপনার দানে { $name } পুলিশের বদলে কলের উত্তর দিয়ে যেতে পারে: পিয়ার সহায়তাকারী, কঠিন সময়ে থাকা মানুষের জন্য পারস্পরিক সহায়তা, আর পরে খোঁজখবর ও যত্ন।
# en-hash: 55aa9db1
donate-cancelled = আপনার পেমেন্ট সম্পূর্ণ হয়নি, কোনো টাকা কাটা হয়নি। নিচে আবার চেষ্টা করতে পারেন।
# en-hash: 2aadb5b5
donate-to-campaign = এই ক্যাম্পেইনে দান করুন
# en-hash: ad9ac0c2
donate-goal = উঠেছে, লক্ষ্য { $n }
# en-hash: db7f9e30
donate-progress = লক্ষ্যের { $n } শতাংশ
# en-hash: 276eacd2
donate-offline = এখানে এখনও অনলাইনে দানের ব্যবস্থা চালু হয়নি। চেক বা ব্যাংক ট্রান্সফারে দান করতে, দলকে জিজ্ঞেস করুন। প্রতিটি দানের জন্য রসিদ দেওয়া হয়।
# en-hash: 06a1ee61
donate-amount = কত?
# en-hash: 114523f0
donate-own-amount = নিজের পরিমাণ বেছে নিন
# en-hash: 3b2b5679
donate-own-amount-label = আপনার পরিমাণ
# en-hash: dacc8bb3
donate-range = কমপক্ষে { $n },
# en-hash: 61e3876a
donate-max = সর্বোচ্চ { $n }।
# en-hash: ddc79ba1
donate-how-often = কত ঘন ঘন?
# en-hash: 30436158
donate-once = একবার
# en-hash: 9b11f6b7
donate-monthly = প্রতি মাসে
# en-hash: b5858111
donate-fund = এটি কীসের জন্য?
# en-hash: 76cdcd26
donate-message = একটি ছোট বার্তা
# en-hash: 09d06597
donate-message-hint = সর্বোচ্চ { $n } অক্ষর, শুধু সাধারণ লেখা।
# en-hash: ffc5b4e7
donate-counter = %max অক্ষরের মধ্যে %n
# en-hash: 3603f602
test-mode = পরীক্ষা মোড: কোনো টাকা লেনদেন হয় না।
# en-hash: 31820338
test-mode-hint = এটি ডেমো। এখানে দান এই সার্ভারের একটি নকল কার্ড পাতার মধ্য দিয়ে যায়। কোনো টাকা কাটা হয় না, কিছুই এই মেশিনের বাইরে যায় না।
# en-hash: ff445f11
test-checkout-title = নকল কার্ড পাতা
# en-hash: b087b7b2
test-checkout-monthly = প্রতি মাসে
# en-hash: 994c3495
test-checkout-pay = পেমেন্ট করুন (পরীক্ষা: কোনো টাকা কাটা হয় না)
# en-hash: fbd738a3
test-checkout-done = এই দান আগেই নেওয়া হয়েছে।
# en-hash: 08571589
test-checkout-receipt = রসিদ দেখুন
# en-hash: 67fb80c7
test-checkout-cancel = দান না করে ফিরে যান
# en-hash: 2c6b2e25
donate-name = আপনার নাম
# en-hash: 5bdc002f
donate-anonymous = নাম প্রকাশ না করে দান করুন (আপনার নাম কোথাও দেখানো হবে না)
# en-hash: c36b1f8e
donate-email = রসিদের জন্য ইমেল
# en-hash: e6f72ffc
donate-email-hint = আমরা রসিদ পাঠাই, আর বছরে একবার আপনার দানের বিবরণী। আর কিছু না।
# en-hash: efadf373
donate-give = পেমেন্টে যান
# en-hash: d634006e
donate-secure = আপনি পেমেন্ট পরিষেবার সুরক্ষিত পাতায় পেমেন্ট করবেন। আমরা কখনও আপনার কার্ড দেখি না।
# en-hash: 1b791eae
donate-separate = দাতাদের সম্পর্কে আমরা যা জানি, তা আমাদের সহায়তা পাওয়া মানুষের রেকর্ড থেকে আলাদা রাখা হয়। শুধু যাঁরা হিসাব রাখেন, তাঁরাই এটি দেখতে পারেন।
# en-hash: e3f75b4b
receipt-title = আপনার রসিদ
# en-hash: 268bc183
receipt-heading = ধন্যবাদ
# en-hash: 254be555
receipt-pending-heading = পেমেন্টের অপেক্ষায়
# en-hash: 20dc050d
receipt-pending = পেমেন্ট পরিষেবা থেকে আমরা এখনও কিছু শুনিনি। সাধারণত এতে কয়েক সেকেন্ড লাগে।
# en-hash: fb7099ad
receipt-check-again = আবার দেখুন
# en-hash: fb7d64e2
receipt-acknowledgement = আপনার দানের স্বীকৃতি
# en-hash: 350be364
receipt-organisation = সংস্থা
# en-hash: 911f2424
receipt-tax-id = ট্যাক্স আইডি { $n }
# en-hash: f7c38806
receipt-donor = দাতা
# en-hash: 49e96d7c
receipt-amount = পরিমাণ
# en-hash: 99c40ab4
receipt-date = তারিখ
# en-hash: ca15ebc0
receipt-fund = কীসের জন্য
# en-hash: e16bd0b1
receipt-refunded = ফেরত দেওয়া হয়েছে
# en-hash: 71bf9093
receipt-reference = রেফারেন্স
# en-hash: 7c7b2569
receipt-no-goods = এই দানের বিনিময়ে কোনো পণ্য বা পরিষেবা দেওয়া হয়নি।
# en-hash: cf1c1ae6
receipt-large = এই স্বীকৃতিপত্রটি রেখে দিন। $250 বা তার বেশি দানের জন্য মার্কিন কর আইন এই লিখিত স্বীকৃতি চায়।
# en-hash: 1107ad83
receipt-your-message = আপনার বার্তা:
# en-hash: f65f007d
receipt-keep = আপনার রসিদ আবার দেখতে এই পাতার ঠিকানাটি রেখে দিন।
# en-hash: 63ff1131
field-error-generic = এটি ব্যবহার করা যাবে না। দেখে নিয়ে আবার চেষ্টা করুন।
# en-hash: 856f29fb
service-open = দলটি খোলা আছে, যত তাড়াতাড়ি সম্ভব সাড়া দেবে।
# en-hash: a537ef97
service-full = দলটি খোলা আছে, কিন্তু সব সহায়তাকারী এখন অন্য কারও সঙ্গে আছেন। আপনার অনুরোধ রাখা আছে। কেউ ফাঁকা হলেই এটি দেখা হবে।
# en-hash: 68c0d7d7
service-full-until = দলটি খোলা আছে, কিন্তু সব সহায়তাকারী এখন অন্য কারও সঙ্গে আছেন (মোটামুটি { $until } পর্যন্ত)। আপনার অনুরোধ রাখা আছে। কেউ ফাঁকা হলেই এটি দেখা হবে।
# en-hash: 06a36cfe
service-closed = দলটি এখন বন্ধ। আপনার অনুরোধ পরের শিফটের জন্য রাখা আছে।
# en-hash: 7a2eb461
service-closed-until = দলটি এখন বন্ধ। আপনার অনুরোধ পরের শিফটের জন্য রাখা আছে। পরের শিফট শুরু হবে { $at }।
# en-hash: a102086c
hours-full = আমরা খোলা আছি, কিন্তু সব সহায়তাকারী এখন অন্য কারও সঙ্গে আছেন। অনুরোধগুলো রাখা আছে। কেউ ফাঁকা হলেই সেগুলো দেখা হবে।
# en-hash: cd418dcd
hours-full-until = আমরা খোলা আছি, কিন্তু সব সহায়তাকারী এখন অন্য কারও সঙ্গে আছেন, মোটামুটি { $until } পর্যন্ত। অনুরোধগুলো রাখা আছে। কেউ ফাঁকা হলেই সেগুলো দেখা হবে।
# en-hash: 317acac9
hours-holiday = আজ আমরা বন্ধ।
# en-hash: 86ad3fee
progress-title = কী অবস্থায় আছে
# en-hash: 86ad3fee
progress-heading = কী অবস্থায় আছে
# en-hash: 8ce09e4f
progress-kind = যা পাঠানো হয়েছে: { $name }
# en-hash: f4f394d1
progress-since = পাওয়া গেছে: { $when }।
# en-hash: e9660bd2
progress-waiting = পাওয়া গেছে। সহযোগী সংস্থার অপেক্ষার সময় শেষ হলে, তখনও দরকার থাকলে দলটি এটি দেখবে।
# en-hash: 0899b35c
progress-received = পাওয়া গেছে। এটি দলের কাছে আছে।
# en-hash: e01c351d
progress-closed = বন্ধ।
# en-hash: e5b95c2e
progress-private = এই পাতা শুধু দেখায় এটি কতদূর এগিয়েছে। ব্যক্তিটির সম্পর্কে কখনও কিছু দেখায় না।
# en-hash: 310da67c
sms-ack = { $team } আপনার বার্তা পেয়েছে।{ $state } এখানে আপডেট পাঠানো নিরাপদ হলে SAFE লিখুন। আমরা জরুরি পরিষেবা নই: যেকোনো সময় 988 বা 833-773-2445; চিকিৎসার জরুরি অবস্থায় 911। বন্ধ করতে STOP লিখুন। For English, reply EN.
# en-hash: 073766ec
sms-closed = { " " }আমরা এখন বন্ধ; আপনার বার্তা পরের শিফটের জন্য রাখা আছে ({ $at })।
# en-hash: 1b5b5bb7
sms-full = { " " }সবাই এখন ব্যস্ত (প্রায় { $until } পর্যন্ত); কেউ ফাঁকা হলেই বার্তাটি দেখা হবে।
# en-hash: b0192756
sms-question = { $question } উত্তর দিন: { $choices }।
# en-hash: 5a50cdf2
sms-choice = { $answer } হলে { $n }
# en-hash: 501b08ad
sms-screened = { $team }: ধন্যবাদ, এতে ঠিক সহায়তা পাঠাতে আমাদের সুবিধা হবে।
# en-hash: c85f8a7a
sms-help = { $team }: কমিউনিটি সংকট সহায়তা, জরুরি পরিষেবা নয়। কী হচ্ছে আমাদের টেক্সট করুন। টেক্সট বন্ধ করতে STOP লিখুন। যেকোনো সময়: 988, বা MA Behavioral Health Help Line 833-773-2445; চিকিৎসার জরুরি অবস্থায় 911।
# en-hash: b4701cba
sms-start = { $team }: আপনি আবার আমাদের টেক্সট করতে পারেন। বন্ধ করতে STOP লিখুন।
# en-hash: 70917b58
sms-safe = { $team }: ধন্যবাদ। আমরা এখানে আপডেট টেক্সট করব। বন্ধ করতে STOP লিখুন।
# en-hash: 9897c5bb
sms-on-the-way = { $team }: একটি দল রওনা দিয়েছে।
# en-hash: 505eff6d
sms-not-found = { $team }: আমরা আপনাকে খুঁজে পাইনি। চালিয়ে যেতে এই বার্তার উত্তর দিন।
# en-hash: c3d54cd8
nav-directory = সহায়তা খুঁজুন
# en-hash: 42087968
directory-title = কাছাকাছি সহায়তা খুঁজুন
# en-hash: 42087968
directory-heading = কাছাকাছি সহায়তা খুঁজুন
# en-hash: 1b65a787
directory-intro = খাবার, আজ রাতের বিছানা, বিল দিতে সাহায্য, স্বাস্থ্যসেবা, আইনি সাহায্য এবং আরও অনেক কিছু। শহরের ভেতরে ও আশেপাশের সংস্থাগুলো থেকে। কোনো অ্যাকাউন্ট লাগবে না।
# en-hash: e3ad92be
directory-q = আপনি কী খুঁজছেন?
# en-hash: b80feab3
directory-q-hint = কয়েকটি শব্দ, যেমন "ফুড প্যান্ট্রি" বা "বিল দিতে সাহায্য"। বানান একদম ঠিক না হলেও চলবে।
# en-hash: d5e68044
directory-need = সহায়তার ধরন
# en-hash: bcb32f11
directory-need-any = যেকোনো ধরন
# en-hash: d9f314ef
directory-near = কাছাকাছি
# en-hash: abcb845c
directory-near-hint = একটি রাস্তার ঠিকানা বা জায়গা, যেমন "71 Cherry St"।
# en-hash: 1f152125
directory-language = যে ভাষায় কথা বলা হয়
# en-hash: a8d71c96
directory-only = শুধু দেখান
# en-hash: 14b67e62
directory-open-now = এখন খোলা
# en-hash: 420ad2f5
directory-free = বিনামূল্যে
# en-hash: a0f76cf2
directory-no-id = পরিচয়পত্র লাগে না
# en-hash: b3d43659
directory-accessible = হুইলচেয়ারে যাওয়া যায়
# en-hash: 49c266ba
directory-search = খুঁজুন
# en-hash: 763f69cb
directory-near-unknown = ওই জায়গাটি আমরা খুঁজে পাইনি, তাই ফলাফল দূরত্ব অনুযায়ী সাজানো হয়নি। একটি রাস্তার ঠিকানা দিয়ে চেষ্টা করুন।
# en-hash: 52ff47c0
directory-found = পাওয়া পরিষেবা: { $count }
# en-hash: 604dce44
directory-all = পরিষেবা
# en-hash: 03f139fd
directory-distance = { $distance } দূরে
# en-hash: 14b67e62
directory-is-open = এখন খোলা
# en-hash: b7c1a931
directory-is-closed = এখন বন্ধ
# en-hash: e30be00a
directory-open-data = এই তালিকাটি ওপেন ডেটা (Open Referral HSDS 3.0), /hsds-এ পাওয়া যায়। যাওয়ার আগে ফোন করে নিন: সময় ও জায়গা বদলায়।
# en-hash: 10502b14
directory-cap-open = আজ খোলা
# en-hash: 1ac45e3e
directory-cap-full = আজ জায়গা নেই
# en-hash: 331b5264
directory-cap-closed = আজ বন্ধ
# en-hash: 2942b2bf
directory-cap-available = খালি জায়গা: { $n }
# en-hash: a48a326d
directory-updated-now = এইমাত্র আপডেট হয়েছে
# en-hash: ed333436
directory-updated-minutes = { $n } মিনিট আগে আপডেট হয়েছে
# en-hash: f5f93e5d
directory-updated-hours = { $n } ঘণ্টা আগে আপডেট হয়েছে
# en-hash: 30362ef7
directory-updated-days = { $n } দিন আগে আপডেট হয়েছে
# en-hash: beb72b36
directory-cap-legend = আজ { $name }-এ
# en-hash: 2b065c7c
directory-cap-status = আজ
# en-hash: 59dec9a3
directory-cap-places = খালি জায়গা (ঐচ্ছিক)
# en-hash: b1675c76
directory-cap-note = সবার জন্য নোট (ঐচ্ছিক)
# en-hash: c1c1009d
directory-cap-save = আপডেট করুন
# en-hash: 6357161e
directory-refer = { $name }-এ রেফার করুন
# en-hash: fcfa7b30
directory-referring = আপনি কাউকে রেফার করার জন্য একটি পরিষেবা বেছে নিচ্ছেন।
# en-hash: 590fdb94
directory-referring-back = অনুরোধে ফিরে যান
# en-hash: 92340695
service-status-active = চালু
# en-hash: ac7c949f
service-status-inactive = এখন চালু নেই
# en-hash: d51a153c
service-status-defunct = আর চলছে না
# en-hash: 5859ebc8
field-error-restricted = নির্দিষ্ট কাজের তহবিলের টাকা শুধু সেই কাজের জন্য রাখা। তা অন্য কোথাও সরানো যায় না।
# en-hash: 4472678a
mail-receipt-subject = { $org }: আপনার { $amount } দানের রসিদ
# en-hash: de21eda2
mail-receipt-intro = { $org }-কে দান করার জন্য ধন্যবাদ। এই ইমেলটিই আপনার রসিদ।
# en-hash: bcc666c2
mail-receipt-link = অনলাইনে আপনার রসিদ: { $url }
# en-hash: 276243fb
mail-statement-subject = { $org }: { $n } সালের আপনার দানের বিবরণী
# en-hash: b0f7706e
mail-footer = আপনি এই ঠিকানা দিয়ে { $org }-কে দান করেছেন, তাই এই ইমেল পাচ্ছেন। আমরা রসিদ পাঠাই, আর বছরে একবার দানের বিবরণী; আর কিছু না। কিছু জানতে চাইলে, এই ইমেলের উত্তর দিন।
# en-hash: 85629534
donate-email-hint-no-mail = আপনার রসিদের জন্য: এটি পরের পাতায় দেখা যাবে। চাইলে দল এটি আবার পাঠাতে পারে।
# en-hash: b9cf2c61
receipt-mail-sent = আমরা এই রসিদটি আপনাকে ইমেল করেছি।
# en-hash: cc777438
receipt-mail-waiting = আমরা এই রসিদটি আপনাকে ইমেল করছি।
# en-hash: 3a1ceaee
receipt-mail-failed = আমরা এই রসিদটি ইমেল করতে পারিনি। এই পাতাটি রেখে দিন, অথবা দলের কাছে একটি কপি চান।
# en-hash: e0f4f767
day-today = আজ
# en-hash: bafd151a
day-tomorrow = আগামীকাল
# en-hash: 6a00dfc1
weekday-1 = সোমবার
# en-hash: 7d8af1de
weekday-2 = মঙ্গলবার
# en-hash: c0a6cc82
weekday-3 = বুধবার
# en-hash: fc266206
weekday-4 = বৃহস্পতিবার
# en-hash: e21f3f37
weekday-5 = শুক্রবার
# en-hash: dbe35c73
weekday-6 = শনিবার
# en-hash: 873fef76
weekday-7 = রবিবার
# en-hash: f40d7f51
weekday-short-1 = সোম
# en-hash: d1eb39b0
weekday-short-2 = মঙ্গল
# en-hash: 58339f45
weekday-short-3 = বুধ
# en-hash: 7da11212
weekday-short-4 = বৃহস্পতি
# en-hash: 66dab40c
weekday-short-5 = শুক্র
# en-hash: fdeb71b5
weekday-short-6 = শনি
# en-hash: db18f17f
weekday-short-7 = রবি
# en-hash: 5c5db120
month-short-1 = জানু
# en-hash: caf71b3f
month-short-2 = ফেব্রু
# en-hash: b4b7d381
month-short-3 = মার্চ
# en-hash: 617531b4
month-short-4 = এপ্রিল
# en-hash: 8c78fe5b
month-short-5 = মে
# en-hash: b27fd46e
month-short-6 = জুন
# en-hash: c43f56b9
month-short-7 = জুলাই
# en-hash: 41e1d82a
month-short-8 = আগস্ট
# en-hash: 451e2b71
month-short-9 = সেপ্টে
# en-hash: 6877e849
month-short-10 = অক্টো
# en-hash: 3e630d29
month-short-11 = নভে
# en-hash: f2a0cfbc
month-short-12 = ডিসে
# en-hash: 691f5681
sms-language = { $team }: আমরা আপনাকে বাংলায় টেক্সট করব।
# en-hash: 651bb684
inv-circle = বৃত্ত: বৃত্তের প্রত্যেক ব্যক্তি যে শব্দে পরিচিত হতে চান, তাঁর ভাষা ও নিরাপদ যোগাযোগের উপায়, তাঁর নিরাপত্তা পরিকল্পনা, তাঁর সঙ্গে কথোপকথনের নোট, এবং করা চুক্তিগুলো
# en-hash: 520e95a5
inv-circle-why = যাতে সহায়কেরা জড়িত মানুষদের একসঙ্গে কোনো বিরোধ বা ক্ষতির মীমাংসা করতে সাহায্য করতে পারেন, আর প্রত্যেকের কথা শুধু তাঁর জন্যই রাখা থাকে।
# en-hash: ea72772d
inv-circle-kept = বৃত্ত বন্ধ হওয়ার { $days } দিন পর পর্যন্ত; তারপর এর সব চাবি নষ্ট করা হয়। যে কেউ যেকোনো সময় নিজের তথ্য দেখতে বা মুছে ফেলতে বলতে পারেন।
# en-hash: 5b6e6272
inv-circle-who = শুধু বৃত্তের নিজের সহায়কেরা। আর কেউ নয়, প্রশাসকেরাও নন।
# en-hash: c3a5654a
inv-circle-how = প্রত্যেকের কথা তাঁর নিজের চাবিতে তালাবদ্ধ, চুক্তিগুলো বৃত্তের নিজের চাবিতে। একজনকে মুছে ফেললে অন্যদের কথা যেমন ছিল তেমনই থাকে।
