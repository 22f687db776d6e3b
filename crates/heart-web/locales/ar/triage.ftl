# The screening script's words (config/triage.toml), by message id. Translated from
# locales/en-US/triage.ftl; a test requires every text of the script to have its message here.

# en-hash: 42b85df5
triage-q-medical = هل يعاني أحد الآن إصابةً، أو فقدان وعي، أو صعوبة تنفس، أو نزيفًا شديدًا، أو ألم صدر، أو جرعة زائدة؟
# en-hash: 85a39ab3
triage-a-medical-yes = نعم
# en-hash: 1ea442a1
triage-a-medical-no = لا
# en-hash: dca5fa43
triage-a-medical-unsure = لا أعرف
# en-hash: 836f81eb
triage-q-in_area = هل الشخص داخل المنطقة التي يخدمها الفريق؟
# en-hash: 85a39ab3
triage-a-in_area-yes = نعم
# en-hash: 1ea442a1
triage-a-in_area-no = لا
# en-hash: dca5fa43
triage-a-in_area-unsure = لا أعرف
# en-hash: f1542d0f
triage-q-where_now = أين الشخص الآن؟
# en-hash: 6743866e
triage-a-where_now-outside = في الخارج، في مكان عام
# en-hash: 9f04b443
triage-a-where_now-sheltering = يحتمي في مكان غير مخصص لذلك (مدخل مبنى، ردهة صراف آلي، بيت درج)
# en-hash: 9c9d752a
triage-a-where_now-home = في البيت أو في مكان خاص
# en-hash: e182f05e
triage-a-where_now-not_said = يفضّل عدم القول، أو غير معروف
# en-hash: 39f9b27b
triage-q-weather = هل الشخص معرَّض للبرد أو الحر أو سوء الطقس؟
# en-hash: 85a39ab3
triage-a-weather-yes = نعم
# en-hash: 1ea442a1
triage-a-weather-no = لا
# en-hash: f4dea287
triage-q-distress = كيف حال الشخص الآن؟
# en-hash: 67345cee
triage-a-distress-acute = في ضيق حاد أو حزن عميق
# en-hash: df07d69b
triage-a-distress-struggling = يمر بوقت صعب، لكنه يستطيع الكلام
# en-hash: 38f6b83e
triage-a-distress-calm = هادئ
# en-hash: 91cdf976
triage-q-suicide = هل تحدّث الشخص عن أفكار انتحارية أو عن إنهاء حياته؟
# en-hash: 1ea442a1
triage-a-suicide-no = لا
# en-hash: be56b38a
triage-a-suicide-thoughts = نعم، أفكار
# en-hash: d1c55ab8
triage-a-suicide-plan_now = نعم، مع خطة أو وسيلة متاحة الآن
# en-hash: 4434b55c
triage-q-wants_visit = هل يريد الشخص أن يأتي إليه أحد شخصيًا؟
# en-hash: 85a39ab3
triage-a-wants_visit-yes = نعم
# en-hash: 1ea442a1
triage-a-wants_visit-no = لا
# en-hash: dca5fa43
triage-a-wants_visit-unsure = لا أعرف
# en-hash: 8bf320a7
triage-q-harm_at_home = هل يوجد في البيت من يؤذي الشخص أو يتحكم به، حتى في المال؟
# en-hash: 85a39ab3
triage-a-harm_at_home-yes = نعم
# en-hash: 1ea442a1
triage-a-harm_at_home-no = لا
# en-hash: dac57454
triage-a-harm_at_home-not_said = يفضّل عدم القول
# en-hash: 03defd1d
triage-q-money_need = هل من أكبر همومه المال، أو الفواتير، أو الطعام، أو السكن؟
# en-hash: 85a39ab3
triage-a-money_need-yes = نعم
# en-hash: 1ea442a1
triage-a-money_need-no = لا

# en-hash: 08812303
triage-rule-medical_emergency = علامة إنذار طبية: اتصل بالإسعاف الآن (911 للطوارئ الطبية). سجّل السبب، وهل وافق الشخص. يمكن أن يلحق فريق بعد وصول الإسعاف.
# en-hash: 4c7f9ff6
triage-rule-outside_area = خارج المنطقة التي نخدمها. اعرض بدائل: 988 (اتصال أو رسالة نصية)، وخط مساعدة الصحة السلوكية في ماساتشوستس 833-773-2445، و911 للطوارئ الطبية.
# en-hash: 6a1e38ac
triage-rule-suicide_plan_now = أفكار انتحارية مع خطة أو وسيلة الآن، والشخص يقبل الزيارة: أرسل فريقًا الآن، وابقَ على الخط حتى يصل.
# en-hash: ddaf2a15
triage-rule-suicide_plan_now_phone = أفكار انتحارية مع خطة أو وسيلة الآن، والشخص لا يريد زيارة. ابقَ معه على الهاتف، واعرض 988 وخط مساعدة الصحة السلوكية 833-773-2445. لا شرطة أبدًا.
# en-hash: c75f0de3
triage-rule-acute_distress_in_public = شخص في ضيق حاد أو حزن عميق في مكان عام: أرسل فريقًا الآن؛ يذهب الفريق بدلًا من الشرطة.
# en-hash: 1dd41480
triage-rule-sheltering_in_cold = شخص يحتمي من البرد أو سوء الطقس: أرسل فريقًا مع أغراض دافئة وخيارات للإيواء. يختار الشخص: مأوى، أو مركز تدفئة، أو توصيلة.
# en-hash: 57d9b5ac
triage-rule-thoughts_money_harm_at_home = دعم عبر الهاتف الآن: استمع، وتحدّث مع الشخص عن سلامته. بعد ذلك، وبموافقته: مساعدة متبادلة للفواتير، وإحالة إلى دعم طويل الأمد (مثل خدمات العنف الأسري). لا شرطة أبدًا.
# en-hash: 07fd75e9
triage-rule-thoughts_no_visit = دعم عبر الهاتف الآن، واعرض زيارة أو مكالمة متابعة. 988 وخط مساعدة الصحة السلوكية 833-773-2445 متاحان في أي ساعة.
# en-hash: 61acecbd
triage-rule-wants_visit = طلب الشخص أن يأتي إليه أحد: أرسل فريقًا حين يتوفر فريق.
# en-hash: d5996bc0
triage-rule-acute_distress_private = في ضيق حاد، لكن في مكان خاص ولا يطلب زيارة: دعم عبر الهاتف الآن، واعرض زيارة في أي وقت.
# en-hash: 434b93a6
triage-rule-practical_need = حاجة عملية (مال، طعام، سكن): إحالة إلى الخدمة المناسبة، ومساعدة متبادلة حيث يناسب ذلك.
# en-hash: 546c4a91
triage-rule-unreachable_in_public = لا يمكن الاتصال بهذا الشخص ولا مراسلته، وهو في مكان عام: أرسل فريقًا ليطمئن عليه، بدلًا من الشرطة.
# en-hash: 60f504d2
triage-rule-fallback = ناقش الأمر عبر الهاتف أولًا، واعرض زيارة أو إحالة أو مكالمة متابعة، كما يرغب الشخص.
# en-hash: 87f2053a
triage-rule-unscreened = لم يتم التقييم بعد: اطرح أسئلة التقييم.
# en-hash: 5ece44bc
triage-rule-unreachable = يقترح دليل التقييم دعمًا عبر الهاتف، لكن لا يمكن الاتصال بهذا الشخص ولا مراسلته. يقرر متلقي المكالمة الخطوة التالية (زيارة، أو طريقة أخرى للتواصل).
