# The screening script's words (config/triage.toml), by message id. Translated from
# locales/en-US/triage.ftl; a test requires every text of the script to have its message here.

# en-hash: 42b85df5
triage-q-medical = এই মুহূর্তে কেউ কি আহত, অজ্ঞান, শ্বাস নিতে কষ্ট পাচ্ছেন, খুব রক্তপাত হচ্ছে, বুকে ব্যথা বা ওভারডোজ হয়েছে?
# en-hash: 85a39ab3
triage-a-medical-yes = হ্যাঁ
# en-hash: 1ea442a1
triage-a-medical-no = না
# en-hash: dca5fa43
triage-a-medical-unsure = নিশ্চিত নই
# en-hash: 836f81eb
triage-q-in_area = ব্যক্তিটি কি দলের কাজের এলাকার মধ্যে আছেন?
# en-hash: 85a39ab3
triage-a-in_area-yes = হ্যাঁ
# en-hash: 1ea442a1
triage-a-in_area-no = না
# en-hash: dca5fa43
triage-a-in_area-unsure = নিশ্চিত নই
# en-hash: f1542d0f
triage-q-where_now = ব্যক্তিটি এখন কোথায় আছেন?
# en-hash: 6743866e
triage-a-where_now-outside = বাইরে, কোনো প্রকাশ্য জায়গায়
# en-hash: 9f04b443
triage-a-where_now-sheltering = থাকার জন্য নয় এমন কোথাও আশ্রয় নিয়েছেন (দরজার সামনে, ATM-এর ঘরে, সিঁড়িতে)
# en-hash: 9c9d752a
triage-a-where_now-home = বাড়িতে বা কোনো ব্যক্তিগত জায়গায়
# en-hash: e182f05e
triage-a-where_now-not_said = বলতে চান না, বা জানা নেই
# en-hash: 39f9b27b
triage-q-weather = তিনি কি ঠান্ডা, গরম বা খারাপ আবহাওয়ার মধ্যে আছেন?
# en-hash: 85a39ab3
triage-a-weather-yes = হ্যাঁ
# en-hash: 1ea442a1
triage-a-weather-no = না
# en-hash: f4dea287
triage-q-distress = ব্যক্তিটি এই মুহূর্তে কেমন আছেন?
# en-hash: 67345cee
triage-a-distress-acute = খুব কষ্টে বা শোকে আছেন
# en-hash: df07d69b
triage-a-distress-struggling = কষ্ট পাচ্ছেন, কিন্তু কথা বলতে পারছেন
# en-hash: 38f6b83e
triage-a-distress-calm = শান্ত
# en-hash: 91cdf976
triage-q-suicide = ব্যক্তিটি কি আত্মহত্যার বা জীবন শেষ করার চিন্তার কথা বলেছেন?
# en-hash: 1ea442a1
triage-a-suicide-no = না
# en-hash: be56b38a
triage-a-suicide-thoughts = হ্যাঁ, এমন চিন্তা আছে
# en-hash: d1c55ab8
triage-a-suicide-plan_now = হ্যাঁ, এখনই পরিকল্পনা বা উপায় আছে
# en-hash: 4434b55c
triage-q-wants_visit = ব্যক্তিটি কি চান কেউ সামনাসামনি আসুক?
# en-hash: 85a39ab3
triage-a-wants_visit-yes = হ্যাঁ
# en-hash: 1ea442a1
triage-a-wants_visit-no = না
# en-hash: dca5fa43
triage-a-wants_visit-unsure = নিশ্চিত নই
# en-hash: 8bf320a7
triage-q-harm_at_home = বাড়িতে কেউ কি তাঁর ক্ষতি করছে বা তাঁকে নিয়ন্ত্রণ করছে, টাকাপয়সা নিয়েও?
# en-hash: 85a39ab3
triage-a-harm_at_home-yes = হ্যাঁ
# en-hash: 1ea442a1
triage-a-harm_at_home-no = না
# en-hash: dac57454
triage-a-harm_at_home-not_said = বলতে চান না
# en-hash: 03defd1d
triage-q-money_need = প্রধান চিন্তার একটি কি টাকাপয়সা, বিল, খাবার বা থাকার জায়গা?
# en-hash: 85a39ab3
triage-a-money_need-yes = হ্যাঁ
# en-hash: 1ea442a1
triage-a-money_need-no = না

# en-hash: 08812303
triage-rule-medical_emergency = চিকিৎসার জরুরি লক্ষণ: এখনই EMS-কে ডাকুন (চিকিৎসার জরুরি অবস্থায় 911)। কেন, এবং ব্যক্তিটি রাজি ছিলেন কিনা, লিখে রাখুন। EMS পৌঁছানোর পরে একটি দল যেতে পারে।
# en-hash: 4c7f9ff6
triage-rule-outside_area = আমাদের কাজের এলাকার বাইরে। অন্য উপায়গুলো জানান: 988 (কল বা টেক্সট), Massachusetts Behavioral Health Help Line 833-773-2445, চিকিৎসার জরুরি অবস্থায় 911।
# en-hash: 6a1e38ac
triage-rule-suicide_plan_now = এখনই পরিকল্পনা বা উপায়সহ আত্মহত্যার চিন্তা, এবং ব্যক্তিটি দেখা করতে রাজি: এখনই একটি দল পাঠান। দল না পৌঁছানো পর্যন্ত লাইনে থাকুন।
# en-hash: ddaf2a15
triage-rule-suicide_plan_now_phone = এখনই পরিকল্পনা বা উপায়সহ আত্মহত্যার চিন্তা, আর ব্যক্তিটি দেখা করতে চান না: ফোনে তাঁর পাশে থাকুন। 988 এবং Behavioral Health Help Line 833-773-2445-এর কথা জানান। কখনও পুলিশ নয়।
# en-hash: c75f0de3
triage-rule-acute_distress_in_public = প্রকাশ্য জায়গায় খুব কষ্টে বা শোকে থাকা একজন মানুষ: এখনই একটি দল পাঠান। পুলিশের বদলে তাঁরা যান।
# en-hash: 1dd41480
triage-rule-sheltering_in_cold = ঠান্ডা বা খারাপ আবহাওয়া থেকে আশ্রয় নেওয়া কেউ: গরম জিনিসপত্র ও থাকার জায়গার বিকল্পসহ একটি দল পাঠান। শেল্টার, উষ্ণ থাকার কেন্দ্র বা গাড়িতে পৌঁছে দেওয়া, ব্যক্তিটি যা চান।
# en-hash: 57d9b5ac
triage-rule-thoughts_money_harm_at_home = এখনই ফোনে সহায়তা: শুনুন, একসঙ্গে নিরাপত্তা নিয়ে কথা বলুন। তারপর, সম্মতি নিয়ে: বিলের জন্য পারস্পরিক সহায়তা, আর দীর্ঘমেয়াদি সহায়তায় রেফারেল (যেমন পারিবারিক সহিংসতা বিষয়ক পরিষেবা)। কখনও পুলিশ নয়।
# en-hash: 07fd75e9
triage-rule-thoughts_no_visit = এখনই ফোনে সহায়তা, এবং দেখা করা বা পরে আবার ফোন করার প্রস্তাব দিন। 988 এবং Behavioral Health Help Line 833-773-2445 যেকোনো সময় খোলা।
# en-hash: 61acecbd
triage-rule-wants_visit = ব্যক্তিটি চেয়েছেন কেউ আসুক: কোনো দল ফাঁকা হলে পাঠান।
# en-hash: d5996bc0
triage-rule-acute_distress_private = খুব কষ্টে আছেন, কিন্তু ব্যক্তিগত জায়গায়, এবং দেখা করতে বলছেন না: এখনই ফোনে সহায়তা। যেকোনো সময় দেখা করার প্রস্তাব দিন।
# en-hash: 434b93a6
triage-rule-practical_need = একটি বাস্তব প্রয়োজন (টাকাপয়সা, খাবার, থাকার জায়গা): ঠিক পরিষেবায় রেফারেল, আর যেখানে মানায় সেখানে পারস্পরিক সহায়তা।
# en-hash: 546c4a91
triage-rule-unreachable_in_public = এই ব্যক্তিকে কেউ ফোন বা টেক্সট করতে পারে না, আর তিনি প্রকাশ্য জায়গায় আছেন: পুলিশের বদলে, তাঁর খোঁজ নিতে একটি দল পাঠান।
# en-hash: 60f504d2
triage-rule-fallback = প্রথমে ফোনে কথা বলুন। ব্যক্তিটি যেমন চান, দেখা করা, রেফারেল বা পরে আবার ফোন করার প্রস্তাব দিন।
# en-hash: 87f2053a
triage-rule-unscreened = এখনও প্রাথমিক প্রশ্ন করা হয়নি: প্রশ্নগুলো জিজ্ঞেস করুন।
# en-hash: 5ece44bc
triage-rule-unreachable = স্ক্রিপ্ট ফোনে সহায়তার কথা বলছে, কিন্তু এই ব্যক্তিকে ফোন বা টেক্সট করা যায় না। যিনি কল ধরেছেন, তিনি ঠিক করবেন এরপর কী হবে (দেখা করা, বা যোগাযোগের অন্য উপায়)।
