# reviewed-by-fluent-speaker: no
# Person-facing messages only (locales/person-facing.txt); staff pages fall back to English.

# en-hash: c887f134
skip-to-content = الانتقال إلى المحتوى الرئيسي
# en-hash: eb814be3
nav-label = القائمة الرئيسية
# en-hash: 01b259ab
nav-sign-out = تسجيل الخروج ({ $name })
# en-hash: 198cca6f
nav-ask = طلب الدعم
# en-hash: bfd402b2
nav-sign-in = تسجيل الدخول
# en-hash: fabcf5e7
footer-not-emergency = لسنا خدمة طوارئ. في حالة طوارئ طبية، يُرجى الاتصال بالرقم 911. للدعم في الأزمات في أي ساعة، يمكنك الاتصال أو إرسال رسالة نصية إلى 988. أو يمكنك الاتصال بخط مساعدة الصحة السلوكية في ماساتشوستس (Massachusetts Behavioral Health Help Line) على الرقم 833-773-2445.
# en-hash: 89db19f6
required = (مطلوب)
# en-hash: c01bf554
translation-new = هذه الترجمة جديدة، ولم يراجعها بعد شخص يتقن اللغة. إذا بدا لك شيء غير صحيح، يُرجى إخبارنا عند حديثك معنا، أو في رسالة نصية.
# en-hash: 4f5d04f5
error-home = الذهاب إلى صفحة البداية
# en-hash: e3325a8f
error-reference = الرقم المرجعي، إذا أخبرت الفريق بهذا: { $name }
# en-hash: bb629e36
error-csrf-title = يُرجى إرسال النموذج مرة أخرى
# en-hash: 00b6c7bb
error-csrf = انتهت صلاحية هذا النموذج، أو فُتح في نافذة أخرى. لم يُحفظ شيء. يُرجى مراجعته وإرساله مرة أخرى.
# en-hash: 04ed297e
error-forbidden-title = هذا ليس ضمن عملك هنا
# en-hash: 88a9c302
error-forbidden = حسابك لا يشمل هذا. إذا احتجت إليه، يمكنك طلبه من زميل لديه صلاحية الإدارة.
# en-hash: e3ebaa16
error-not-found-title = غير موجود
# en-hash: d0b4733c
error-not-found = لم نتمكن من العثور على تلك الصفحة أو ذلك السجل.
# en-hash: 8692ef87
error-conflict-title = تعذّر القيام بذلك
# en-hash: 8c98449c
error-throttled-title = يُرجى الانتظار قليلًا
# en-hash: 78c7f4ec
error-invalid-title = بعض الإجابات تحتاج إلى مراجعة
# en-hash: f0352631
error-invalid = بعض الإجابات تحتاج إلى مراجعة. يُرجى العودة ومراجعة النموذج.
# en-hash: dda10dd7
error-internal-title = حدث خطأ من جهتنا
# en-hash: be28368e
error-unavailable-title = يُرجى المحاولة مرة أخرى بعد قليل
# en-hash: 6a95b1b7
error-unavailable = لا يمكن الوصول إلى قاعدة بياناتنا للحظات (ربما تنتقل إلى نسختها الاحتياطية). لم يُحفظ شيء. يُرجى الإرسال مرة أخرى بعد بضع ثوانٍ.
# en-hash: 5e42a274
error-internal = حدث خطأ من جهتنا، ولم يتغير شيء. يُرجى المحاولة مرة أخرى. إذا تكرر ذلك، يُرجى إبلاغ المسؤول عن النظام برمز المشكلة { $incident }.
# en-hash: b7e838d5
errors-heading = يُرجى مراجعة هذه الإجابات
# en-hash: 59212ef4
field-error-required = هذا مطلوب.
# en-hash: d38529b6
field-error-invalid = يبدو أن هذا غير صحيح.
# en-hash: 34b13edc
field-error-unknown = هذا ليس من الخيارات المتاحة.
# en-hash: 64ee6332
field-error-unreachable = لا يوجد طريق إلى هناك عبر الشوارع من هنا.
# en-hash: 3cea9bbd
field-error-taken = هذا مستخدَم بالفعل.
# en-hash: bb612d83
field-error-mismatch = كلمتا المرور غير متطابقتين.
# en-hash: d1c5d653
alt-heading = إذا احتجت إلى أحد الآن
# en-hash: 7d2805ba
alt-988 = 988 خط المساعدة في حالات الانتحار والأزمات (Suicide and Crisis Lifeline): اتصال أو رسالة نصية إلى 988، في أي ساعة.
# en-hash: 268660fb
alt-bhhl = خط مساعدة الصحة السلوكية في ماساتشوستس (Massachusetts Behavioral Health Help Line): 833-773-2445، في أي ساعة، وبلغات كثيرة.
# en-hash: 56e6607c
alt-911 = في حالة طوارئ طبية، يُرجى الاتصال بالرقم 911.
# en-hash: f34fe822
phone-text-988 = إرسال رسالة نصية
# en-hash: f3808f25
hours-open = نحن نعمل الآن.
# en-hash: f4e71746
hours-open-until = نحن نعمل الآن، حتى { $until }.
# en-hash: 461f2540
hours-closed = نحن خارج ساعات العمل الآن.
# en-hash: c575dfde
hours-closed-until = نحن خارج ساعات العمل الآن. نعود للعمل: { $at }.
# en-hash: 8f3a16bf
home-title = دعم بدلًا من الشرطة
# en-hash: bd88c356
home-heading = { $team }: دعم مجتمعي في الأزمات
# en-hash: 5df2db4f
home-what = فريق دعم من الأقران يأتي بدلًا من الشرطة حين يكون أحد في { $area } في ضيق أو نزاع، أو يحتاج إلى مساعدة. نستمع، ونبقى إلى جانب الناس، ونصلهم بما يحتاجون إليه.
# en-hash: f3b82efd
home-not-emergency = لسنا خدمة طوارئ. في حالة طوارئ طبية، يُرجى الاتصال بالرقم 911.
# en-hash: 198cca6f
home-ask = طلب الدعم
# en-hash: 9c870aa6
home-how-heading = كيف نعمل
# en-hash: 6dec8e39
home-how-1 = يمكنك إخبارنا بما يحدث، لك أو لشخص آخر. لا داعي لذكر اسمك.
# en-hash: 7782edf5
home-how-2 = يعاود أحد المستجيبين من الأقران الاتصال بك، أو يأتي إليك فريق من شخصين.
# en-hash: a94cadd6
home-how-3 = لا نرسل الشرطة أبدًا، ولا نشارك مع الشرطة أي شيء نسمعه منك.
# en-hash: 198cca6f
request-title = طلب الدعم
# en-hash: 198cca6f
request-heading = طلب الدعم
# en-hash: ccecd5a6
request-questions-hint = تساعدنا هذه الأسئلة على تحديد من يجب أن يأتي. يمكنك تخطي أي سؤال لا تريد الإجابة عنه.
# en-hash: f6f4688f
request-send = إرسال
# en-hash: 9681d288
request-limited = وصلت طلبات كثيرة من هذا الاتصال في الدقائق الأخيرة، لذلك لم يُرسَل هذا الطلب. يُرجى المحاولة مرة أخرى بعد بضع دقائق. إذا احتجت إلى أحد الآن، يمكنك استخدام أحد الخطوط أدناه.
# en-hash: 07253bb3
donate-limited = بدأت تبرعات كثيرة من هذا الاتصال في الدقائق الأخيرة، لذلك لم يبدأ هذا التبرع. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
# en-hash: ebbd2763
thanks-title = وصلنا طلبك
# en-hash: ebbd2763
thanks-heading = وصلنا طلبك
# en-hash: acf4f398
thanks-reference = الرقم المرجعي لطلبك: { $reference }
# en-hash: fd726019
thanks-status-link = متابعة طلبك
# en-hash: 5e63933a
thanks-status-hint = يُرجى الاحتفاظ بهذا الرابط للعودة إليه: يُظهر المرحلة التي وصل إليها طلبك، ولا يُظهر شيئًا عنك. يستطيع أي شخص لديه الرابط رؤية ذلك، لذا يُرجى إبقاؤه خاصًا.
# en-hash: f707b233
progress-kind-web = طلبك للدعم
# en-hash: 1f6b043a
thanks-closed = نحن خارج ساعات العمل الآن، لذلك لن يرى أحد طلبك حتى { $at }. إذا احتجت إلى أحد قبل ذلك، يُرجى استخدام أحد الخطوط أدناه.
# en-hash: d9572c66
thanks-full = كل فرقنا مع أشخاص آخرين الآن. طلبك في قائمة الانتظار، وسنأتي حين يصبح أحد الفرق متاحًا. إذا كان الانتظار صعبًا عليك، يُرجى استخدام أحد الخطوط أدناه.
# en-hash: e664cc2c
thanks-team = سينطلق فريق إليك حين يصبح أحد الفرق متاحًا.
# en-hash: 2a92247f
thanks-contact = سيتواصل معك أحد أفراد الفريق بالطريقة التي قلت إنها آمنة.
# en-hash: 1700d434
intake-who-legend = مَن يطلب؟
# en-hash: 843f77ae
requester-person = الشخص الذي يحتاج إلى الدعم
# en-hash: 8f2a684c
requester-on_behalf = شخص يطلب الدعم لشخص آخر
# en-hash: ff394c9a
requester-partner = منظمة شريكة
# en-hash: 2207d4a0
intake-summary = ماذا يحدث؟
# en-hash: 2b40c4f7
intake-summary-hint = بكلمات بسيطة. فقط ما يساعدنا على دعم الشخص.
# en-hash: 91f45115
intake-where-legend = أين؟
# en-hash: d24e3af4
intake-location = أين يوجد الشخص؟
# en-hash: 1edde58b
intake-location-hint = شارع أو زاوية أو مكان. يمكنك تركه فارغًا.
# en-hash: dac57454
intake-location-withheld = يفضّل عدم القول
# en-hash: 238a676d
intake-lat = خط العرض
# en-hash: 6d80458f
intake-lon = خط الطول
# en-hash: 05a49b09
intake-contact-legend = كيف نتواصل مع الشخص
# en-hash: daf3a133
intake-contact-hint = كل ذلك اختياري. نرحّب بالطلبات دون اسم.
# en-hash: 26f8d208
intake-contact-name = الاسم، أو ما يحب الشخص أن نناديه به
# en-hash: 63dceb88
intake-contact-phone = الهاتف
# en-hash: a52d18b6
intake-safe-legend = ما الطرق الآمنة؟
# en-hash: f884bf09
intake-safe-hint = لا نتواصل مع الناس إلا بالطرق التي يقولون إنها آمنة.
# en-hash: 5bb8abce
intake-safe-call = الاتصال الهاتفي آمن
# en-hash: 59b01c57
intake-safe-text = الرسالة النصية آمنة
# en-hash: 1a32d258
intake-safe-voicemail = الرسالة الصوتية آمنة
# en-hash: 48ec414f
intake-safe-hours = الأوقات الآمنة للتواصل
# en-hash: e8363c25
safe-times-hint = استخدم توقيتنا المحلي. اسأل عن الأوقات التي لن يرى أو يسمع فيها أحد آخر.
# en-hash: 5e7de49a
safe-times-any = أي وقت
# en-hash: b577e601
safe-times-only = فقط في هذه الأيام، بين هذه الأوقات
# en-hash: e08c0aa8
safe-times-days = الأيام
# en-hash: 21819769
safe-times-from = من
# en-hash: 7caf856e
safe-times-to = حتى
# en-hash: 996a0dfa
field-error-safe_hours = اكتب الأيام ثم الأوقات، مثل mon-fri 18:00-21:00.
# en-hash: 765944ea
field-error-safe_hours_missing = اختر الأيام والوقتين، أو اختر «أي وقت».
# en-hash: 3d788c63
intake-code-word = كلمة متفق عليها
# en-hash: e77a0573
intake-code-word-hint = كلمة يقولها المستجيب من فريقنا، ليعرف الشخص أنه منّا.
# en-hash: 33b2baff
intake-language = اللغة المفضلة
# en-hash: 8aa3e2b2
intake-interpreter = يرغب الشخص في وجود مترجم
# en-hash: b3f8aa04
intake-questions-legend = بعض الأسئلة
# en-hash: ba118bf7
language-en = الإنجليزية
# en-hash: 3411059c
language-es = الإسبانية
# en-hash: da8757fe
language-pt-BR = البرتغالية (البرازيل)
# en-hash: ec18adfb
language-ht = الكريولية الهايتية
# en-hash: 8a9779f4
language-zh = الصينية
# en-hash: e1b6cb2b
language-am = الأمهرية
# en-hash: bafb66f3
language-ar = العربية
# en-hash: e7f4fe26
language-bn = البنغالية
# en-hash: e901fd85
language-other = لغة أخرى
# en-hash: 76f5ad67
need-housing = السكن
# en-hash: e4eb1806
need-food = الطعام
# en-hash: 5ccc2e87
need-money = المال
# en-hash: 726d11bd
need-safety = الأمان
# en-hash: 014659ab
need-conflict = النزاع
# en-hash: fec80bef
need-medical = الرعاية الطبية
# en-hash: f97e9da0
need-other = غير ذلك
# en-hash: 49f19bee
status-received = تم الاستلام
# en-hash: a62f9212
status-triaged = تم التقييم
# en-hash: cf540bd3
status-waiting = بانتظار فريق
# en-hash: 0f3453e1
status-assigned = تم تعيين فريق
# en-hash: c21ead06
status-closed = مغلق
# en-hash: d353a99e
status-cancelled = ملغى
# en-hash: 5011c951
time-in = بعد { $duration }
# en-hash: 159c8275
time-ago = منذ { $duration }
# en-hash: a69e7639
duration-m = { $m } د
# en-hash: e2266625
duration-h = { $h } س
# en-hash: cd500055
duration-dh = { $d } يوم و{ $h } س
# en-hash: 8f3e5009
footer-what-we-hold = ما نحتفظ به من بيانات عن الناس، وإلى متى
# en-hash: 5466af5f
inventory-title = ما نحتفظ به من بيانات عن الناس
# en-hash: 824337fa
inventory-intro = كل نوع من البيانات الشخصية تحتفظ به هذه الخدمة، ولماذا، وإلى متى، ومن يستطيع رؤيته. نجمع أقل قدر ممكن. يمكنك الطلب من أحد المستجيبين عرض سجلك أو تصديره أو محوه.
# en-hash: d3ae14a5
inventory-why = لماذا
# en-hash: 99a013a8
inventory-kept = إلى متى
# en-hash: 5d34a0f3
inventory-who = من يستطيع رؤيته
# en-hash: 41d7f6da
inventory-how = كيف نحميه
# en-hash: 8250f82b
inv-kept-days = لمدة { $days } يومًا بعد آخر تواصل بيننا وبين الشخص. بعدها يُمحى تلقائيًا، إلا إذا طلب منا الشخص الاحتفاظ به.
# en-hash: b1ccdd6b
inv-sealed = مُقفَل بمفتاح صُنع لهذا الشخص وحده. عند محو بيانات الشخص، يُتلَف المفتاح.
# en-hash: f2208d23
inv-who-request = من يستقبلون الاتصالات، ويرسلون الفرق، وينظّمون العمل. والمستجيبون في الفريق الذي ذهب إلى الشخص.
# en-hash: 7dfd31da
inv-who-care = من يرسلون الفرق وينظّمون العمل. والمستجيبون في الفريق الذي ذهب إلى الشخص.
# en-hash: 41d25250
inv-request = ما حدث، بكلمات الشخص الذي طلب الدعم، وإجاباته عن أسئلتنا
# en-hash: c6f386b6
inv-request-why = لنرسل الأشخاص المناسبين، ومعهم ما يلزم.
# en-hash: 5110d6ff
inv-place = أين يوجد الشخص: وصف المكان بالكلمات، ونقطة على الخريطة
# en-hash: 2c9776c6
inv-place-why = للعثور على الشخص.
# en-hash: 7471aaa0
inv-contact = الاسم ورقم الهاتف، إن أعطاهما الشخص. يمكنك أيضًا الحصول على المساعدة دون ذكر اسمك.
# en-hash: 8cdc03bb
inv-contact-why = للتواصل مع الشخص مرة أخرى، بالطرق التي قال إنها آمنة فقط.
# en-hash: fcfc06c0
inv-contact-how = مُقفَل كما في الأعلى. ونحتفظ أيضًا برمز مصنوع من رقم الهاتف. لا يمكن تحويل هذا الرمز إلى الرقم مرة أخرى. يُظهر لنا أن الشخص اتصل من قبل.
# en-hash: 26288c2c
inv-safe = متى وكيف يكون التواصل مع الشخص آمنًا، وكلمة متفق عليها، وهل يريد مترجمًا
# en-hash: b7dfc3b2
inv-safe-why = حتى لا يعرّضه التواصل معه للخطر أبدًا.
# en-hash: 0ffed447
inv-encounter = ما فعله الفريق، وكلام الشخص نفسه عن ذلك
# en-hash: 372c9e6d
inv-encounter-why = لتستمر الرعاية، وللمتابعة التي وافق عليها الشخص.
# en-hash: e7090de0
inv-follow-up = ملاحظات يكتبها الفريق عن الطلب: ما حدث، ومحاولات التواصل مع الشخص، وما يلزم أن تعرفه المناوبة التالية، والمتابعة بعد الزيارة
# en-hash: 57288c17
inv-follow-up-why = لتعرف المناوبة التالية ما حدث، وللاطمئنان على الشخص كما اتفقنا.
# en-hash: 6e22e4ba
inv-aid = مال دفعه الفريق من أجل شخص (مساعدة متبادلة): ملاحظات، ولمن دُفع المال (مثل شركة الكهرباء أو صاحب السكن)، وسبب رفض طلب ما، والإيصال
# en-hash: e8af8e87
inv-aid-why = ليراجع شخصان كل دفعة قبل إتمامها، ولتُظهر الحسابات أين ذهب المال.
# en-hash: da2d5073
inv-aid-who = المستجيب الذي طلب المساعدة، ومن يتولون أمور المال.
# en-hash: 79d54927
inv-aid-how = مُقفَل كما في الأعلى. يبقى في الحسابات المبلغ، والغرض منه، ونوع الجهة التي قبضته. تذكر الحسابات طلب المساعدة، ولا تذكر الشخص أبدًا.
# en-hash: 3acf70db
inv-referral = ما اختار الشخص مشاركته مع خدمة أحلناه إليها: الاسم الأول، ورقم لمعاودة الاتصال، والاحتياجات، واللغة، وملاحظة. فقط ما اختاره هو.
# en-hash: dbe6749e
inv-referral-why = لتتمكن الخدمة من التواصل معه. لا نرسل أبدًا أي شيء لم يوافق عليه.
# en-hash: f0429176
inv-referral-who = الخدمة التي أُرسلت إليها، وتلك التفاصيل فقط. ومن ينظّمون العمل. والمستجيبون في الفريق الذي ذهب إلى الشخص.
# en-hash: 088c67e3
inv-referral-how = مُقفَل كما في الأعلى. إذا سحبنا الإحالة، أو محونا بيانات الشخص، تُزال. ولا ترى الخدمة أبدًا أي شيء آخر عن الشخص.
# en-hash: 9aa67b13
inv-sms = الرسائل النصية من الشخص وإليه، والرقم الذي راسلنا منه
# en-hash: 03a113e2
inv-sms-why = للتحدث مع من طلب الدعم برسالة نصية. لا نرسل المستجدات إلا إذا قال إن المراسلة آمنة.
# en-hash: 5327a649
inv-sms-how = مُقفَل كما في الأعلى. إذا أرسل رقم كلمة STOP، نحتفظ فقط برمز مصنوع منه. ولا نرسل إليه شيئًا حتى يرسل START. خدمة الرسائل التي نستخدمها (Twilio) تحتفظ أيضًا بكل رسالة وبالرقم في سجلاتها، وفق شروطها. عندما نمحو بيانات شخص هنا، نطلب من Twilio حذف رسائله أيضًا. ونواصل الطلب حتى ترد. سجلات Twilio عن طريقة استخدامنا لخدمتها ليست مما نستطيع محوه.
# en-hash: eeeeee38
inv-alert = تنبيه من جهة شريكة، أثناء انتظار انتهاء المؤقّت لديها: ما رأته، وأين
# en-hash: 7c3dbfc2
inv-alert-why = ليصل التنبيه إلى فريقنا، لا إلى الشرطة، وفقط بعد انتهاء الوقت. مثلًا: شخص موجود هنا في الداخل منذ أكثر من ساعة.
# en-hash: 1a4462e1
inv-alert-kept = حتى ينتهي المؤقّت. بعدها يصبح طلبًا، كما في الأعلى. إذا قالت الجهة الشريكة إن الشخص غادر، يُحذف.
# en-hash: fe6ad4fe
inv-alert-who = لا أحد أثناء الانتظار. بعد ذلك، الأشخاص أنفسهم كما في الطلب.
# en-hash: 08333599
inv-alert-how = مُقفَل بمفتاح الخادم. يُحفظ المكان كرمز فقط، لربط التنبيهات التي تأتي من المكان نفسه.
# en-hash: 44828e65
inv-donor = أسماء المتبرعين وعناوين بريدهم الإلكتروني، وتبرعاتهم ورسائلهم
# en-hash: e82df1b6
inv-donor-why = لإرسال الإيصالات وكشف سنوي بالتبرعات، ولتكون حساباتنا نزيهة.
# en-hash: c2ed8196
inv-donor-kept = ما دام يجب حفظ الحسابات: سبع سنوات بعد التبرع، كالمعتاد.
# en-hash: 12f13599
inv-donor-who = من يتولون أمور المال. ولا يُربط أبدًا بسجلات الأشخاص الذين ندعمهم.
# en-hash: 00664add
inv-donor-how = محفوظ بعيدًا عن سجلات الرعاية. تُرسَل الإيصالات عبر خادم البريد الخاص بنا. سجلات نظامنا تحفظ رموز ردوده فقط، ولا تحفظ أي عنوان أبدًا. النسخ الاحتياطية آمنة بقدر أمان الخادم.
# en-hash: f29a553f
inv-legal = مطالبات بالسجلات، مثل مذكرة استدعاء أو أمر من المحكمة: من طالب، ورقمه المرجعي، وما طلبه، وما أعطيناه، إن أعطينا شيئًا
# en-hash: 989289b7
inv-legal-why = ليراجع شخصان كل مطالبة، ولنستطيع إظهار ما رفضناه. ونخبر الشخص، إلا إذا منعت المحكمة ذلك.
# en-hash: cf6cd6d9
inv-legal-kept = تبقى القائمة. أما نص المطالبة المتعلقة بشخص، فيُمحى مع بيانات الشخص.
# en-hash: b2a2789a
inv-legal-who = من ينظّمون العمل.
# en-hash: 420c269d
inv-legal-how = المطالبة المتعلقة بشخص تُقفَل بمفتاح ذلك الشخص. لذلك عند محو بيانات الشخص، يُمحى نصها أيضًا. أي مطالبة أخرى تُقفَل بمفتاح الخادم.
# en-hash: fdede359
inv-ems = سبب طلب سيارة الإسعاف (خدمات الطوارئ الطبية)، وهل وافق الشخص
# en-hash: 0662c23b
inv-ems-why = طلب سيارة الإسعاف نادر، ونكتب كل مرة يحدث فيها.
# en-hash: 18bb05b3
inv-ems-who = من يستقبلون الاتصالات، ويرسلون الفرق، وينظّمون العمل.
# en-hash: faa87699
inv-ems-how = السبب مُقفَل كما في الأعلى. وموافقة الشخص تُحفظ بنعم أو لا فقط.
# en-hash: b805b26b
inv-counts = الأوقات، والخطوات، وكيف انتهى الأمر، وأنواع الاحتياجات، واللغة. دون أسماء.
# en-hash: 78da5518
inv-counts-why = لإدارة الخدمة، ولتقديم أعداد إلى الجهات الممولة والمدينة.
# en-hash: 92e2e16d
inv-counts-kept = دائمًا، كأعداد. بعد محو بيانات الشخص، لا يمكن ربط الأعداد به مرة أخرى.
# en-hash: 15108cd4
inv-counts-who = كل أفراد الفريق. لا يخرج من الفريق إلا الأعداد.
# en-hash: c860ff22
inv-counts-how = محفوظة في قاعدة البيانات. النسخ الاحتياطية آمنة بقدر أمان الخادم.
# en-hash: 2b1aea43
inv-outreach = في جولات التواصل الميداني: كم شخصًا التقينا وما الذي قدمناه لهم، دون أسماء. إذا وافق الشخص، رمز عودة مكوَّن من أجزاء يختارها هو (مثل الأحرف الأولى وشهر الميلاد)، ولا يُحفظ إلا بصيغة مشفَّرة لا يستطيع أحد قراءتها.
# en-hash: 148d81bd
inv-outreach-why = لنحصي العمل بصدق، ولنحسب الشخص الذي نلتقيه مرة أخرى مرة واحدة فقط.
# en-hash: 20b9d694
inv-outreach-kept = إلى الأبد، كأرقام. يمكننا في أي وقت أن نجعل كل الرموز لا تتطابق بتغيير مفتاحها: عندها لا تطابق الرموز السابقة أحدًا.
# en-hash: 4c1ffa11
inv-outreach-who = أعضاء الفريق الذين يخرجون إلى الميدان أو يخططون للعمل. لا يخرج من الفريق إلا الأرقام.
# en-hash: 1637a136
inv-outreach-how = يُشفَّر الرمز بمفتاح محفوظ خارج قاعدة البيانات، فلا تستطيع قاعدة البيانات وحدها ربطه بأي شخص.
# en-hash: e433807a
inv-audit = من اطّلع على سجل شخص أو غيّره (سجل المراجعة). يستخدم رموزًا، لا أسماء.
# en-hash: 153eb9f6
inv-audit-why = حتى لا يصل أحد إلى بيانات شخص دون أن يترك أثرًا.
# en-hash: 200a8e17
inv-audit-kept = دائمًا. لا يحتوي على أي بيانات شخصية.
# en-hash: 5e735d35
inv-audit-who = من ينظّمون العمل. والشخص نفسه، في نسخته من سجله.
# en-hash: 63bbad33
inv-audit-how = كل إدخال مرتبط بالإدخال الذي قبله، والسلسلة موقّعة، لذلك يظهر أي تغيير.
# en-hash: b3468608
inventory-not-held = ما لا نحتفظ به أبدًا
# en-hash: 3e3b0bd8
inventory-not-held-list = وضع الهجرة. درجات «الخطورة» أو علامات «المتصل المتكرر». أي شيء للشرطة أو منها: لا دور للشرطة هنا، ولا توجد طريقة لإرسال أي شيء إليها.
# en-hash: 76979221
inventory-your-rights = إذا طالب أحد ببيانات عنك (مذكرة استدعاء، أو طلب من الشرطة)، نسجّل ذلك ويراجعه شخصان. ونخبرك بذلك، إلا إذا منعه أمر من المحكمة.
# en-hash: bae8ad76
field-error-unchanged = هذا ما يستطيع الحساب فعله أصلًا.
# en-hash: e5398945
suggest-some = عدد الأماكن المطابقة: %n. يمكنك استخدام مفاتيح الأسهم لاختيار أحدها.
# en-hash: 20ad9e3a
suggest-none = لا يوجد مكان يطابق هذه الكلمات بعد.
# en-hash: 1874dac6
suggest-chosen = تم الاختيار: %p. حُدِّد موقعه على الخريطة.
# en-hash: c6402106
nav-donate = التبرع
# en-hash: 0059798b
optional = (اختياري)
# en-hash: da8c72b1
donate-title = تبرّع اليوم
# en-hash: da8c72b1
donate-heading = تبرّع اليوم
# en-hash: a3664cc0
donate-intro = بتبرعك يواصل { $name } الاستجابة للنداءات بدلًا من الشرطة: دعم من الأقران، ومساعدة متبادلة لمن يمر بظرف صعب، ورعاية متابعة.
# en-hash: 55aa9db1
donate-cancelled = لم يكتمل الدفع، ولم يُخصم أي مبلغ. يمكنك المحاولة مرة أخرى أدناه.
# en-hash: 2aadb5b5
donate-to-campaign = التبرع لهذه الحملة
# en-hash: ad9ac0c2
donate-goal = جُمع من هدف قدره { $n }
# en-hash: db7f9e30
donate-progress = { $n } بالمئة من الهدف
# en-hash: 276eacd2
donate-offline = التبرع عبر الإنترنت غير متاح هنا بعد. للتبرع بشيك أو بتحويل مصرفي، يُرجى سؤال الفريق. كل تبرع يحصل على إيصال.
# en-hash: 06a1ee61
donate-amount = كم المبلغ؟
# en-hash: 114523f0
donate-own-amount = مبلغ من اختيارك
# en-hash: 3b2b5679
donate-own-amount-label = مبلغك
# en-hash: dacc8bb3
donate-range = الحد الأدنى { $n }،
# en-hash: 61e3876a
donate-max = الحد الأقصى { $n }.
# en-hash: ddc79ba1
donate-how-often = كم مرة؟
# en-hash: 30436158
donate-once = مرة واحدة
# en-hash: 9b11f6b7
donate-monthly = شهريًا
# en-hash: b5858111
donate-fund = لأي غرض؟
# en-hash: 76cdcd26
donate-message = رسالة قصيرة
# en-hash: 09d06597
donate-message-hint = حتى { $n } حرف، نص عادي فقط.
# en-hash: ffc5b4e7
donate-counter = %n من %max حرف
# en-hash: 3603f602
test-mode = وضع التجربة: لا تنتقل أي أموال.
# en-hash: 31820338
test-mode-hint = هذه نسخة تجريبية. التبرعات هنا تمر عبر صفحة بطاقة وهمية على هذا الخادم. لا يُخصم أي مبلغ، ولا يخرج شيء من الجهاز.
# en-hash: ff445f11
test-checkout-title = صفحة بطاقة وهمية
# en-hash: b087b7b2
test-checkout-monthly = كل شهر
# en-hash: 994c3495
test-checkout-pay = الدفع (تجربة: لا يُخصم أي مبلغ)
# en-hash: fbd738a3
test-checkout-done = تم استلام هذا التبرع من قبل.
# en-hash: 08571589
test-checkout-receipt = عرض الإيصال
# en-hash: 67fb80c7
test-checkout-cancel = العودة دون تبرع
# en-hash: 2c6b2e25
donate-name = اسمك
# en-hash: 5bdc002f
donate-anonymous = التبرع دون ذكر الاسم (لا يظهر اسمك في أي مكان)
# en-hash: c36b1f8e
donate-email = البريد الإلكتروني لإرسال الإيصال
# en-hash: e6f72ffc
donate-email-hint = نرسل إليك الإيصال، وكشف تبرعاتك مرة في السنة. لا شيء غير ذلك.
# en-hash: efadf373
donate-give = المتابعة إلى الدفع
# en-hash: d634006e
donate-secure = يتم الدفع في الصفحة الآمنة لخدمة الدفع، ولا نرى بطاقتك أبدًا.
# en-hash: 1b791eae
donate-separate = ما نعرفه عن المتبرعين محفوظ بعيدًا عن سجلات الأشخاص الذين ندعمهم. ولا يراه إلا من يتولون الحسابات.
# en-hash: e3f75b4b
receipt-title = إيصالك
# en-hash: 268bc183
receipt-heading = شكرًا لك
# en-hash: 254be555
receipt-pending-heading = بانتظار الدفع
# en-hash: 20dc050d
receipt-pending = لم يصلنا رد من خدمة الدفع بعد. يستغرق هذا عادةً بضع ثوانٍ.
# en-hash: fb7099ad
receipt-check-again = التحقق مرة أخرى
# en-hash: fb7d64e2
receipt-acknowledgement = إقرار باستلام تبرعك
# en-hash: 350be364
receipt-organisation = المنظمة
# en-hash: 911f2424
receipt-tax-id = الرقم الضريبي { $n }
# en-hash: f7c38806
receipt-donor = المتبرع
# en-hash: 49e96d7c
receipt-amount = المبلغ
# en-hash: 99c40ab4
receipt-date = التاريخ
# en-hash: ca15ebc0
receipt-fund = الغرض
# en-hash: e16bd0b1
receipt-refunded = مُستردّ
# en-hash: 71bf9093
receipt-reference = الرقم المرجعي
# en-hash: 7c7b2569
receipt-no-goods = لم تُقدَّم أي سلع أو خدمات مقابل هذه المساهمة.
# en-hash: cf1c1ae6
receipt-large = يُرجى الاحتفاظ بهذا الإقرار: للتبرع بمبلغ 250 دولارًا أو أكثر، هذا هو الإقرار الكتابي الذي تطلبه قواعد الضرائب الأمريكية.
# en-hash: 1107ad83
receipt-your-message = رسالتك:
# en-hash: f65f007d
receipt-keep = يُرجى الاحتفاظ بعنوان هذه الصفحة لرؤية إيصالك مرة أخرى.
# en-hash: 63ff1131
field-error-generic = لا يمكن استخدام هذا. يُرجى التحقق منه والمحاولة مرة أخرى.
# en-hash: 856f29fb
service-open = الفريق يعمل الآن، وسيستجيب في أقرب وقت ممكن.
# en-hash: a537ef97
service-full = الفريق يعمل الآن، لكن كل المستجيبين مع أشخاص آخرين في هذه اللحظة. طلبك محفوظ، وسنتابعه حين يصبح أحد متاحًا.
# en-hash: 68c0d7d7
service-full-until = الفريق يعمل الآن، لكن كل المستجيبين مع أشخاص آخرين في هذه اللحظة (حتى نحو { $until }). طلبك محفوظ، وسنتابعه حين يصبح أحد متاحًا.
# en-hash: 06a36cfe
service-closed = الفريق خارج ساعات العمل الآن. طلبك محفوظ للمناوبة التالية.
# en-hash: 7a2eb461
service-closed-until = الفريق خارج ساعات العمل الآن. طلبك محفوظ للمناوبة التالية، وتبدأ: { $at }.
# en-hash: a102086c
hours-full = نحن نعمل الآن، لكن كل المستجيبين مع أشخاص آخرين في هذه اللحظة. الطلبات محفوظة، ونتابعها حين يصبح أحد متاحًا.
# en-hash: cd418dcd
hours-full-until = نحن نعمل الآن، لكن كل المستجيبين مع أشخاص آخرين حتى نحو { $until }. الطلبات محفوظة، ونتابعها حين يصبح أحد متاحًا.
# en-hash: 317acac9
hours-holiday = لا نعمل اليوم.
# en-hash: 86ad3fee
progress-title = أين وصل الطلب
# en-hash: 86ad3fee
progress-heading = أين وصل الطلب
# en-hash: 8ce09e4f
progress-kind = ما أُرسل: { $name }
# en-hash: f4f394d1
progress-since = تم الاستلام: { $when }.
# en-hash: e9660bd2
progress-waiting = تم الاستلام. سيتابعه الفريق إذا بقيت الحاجة إليه بعد انتهاء مدة الانتظار لدى الجهة الشريكة.
# en-hash: 0899b35c
progress-received = تم الاستلام. الطلب لدى الفريق.
# en-hash: e01c351d
progress-closed = مغلق.
# en-hash: e5b95c2e
progress-private = تعرض هذه الصفحة المرحلة التي وصل إليها الطلب فقط، ولا تعرض أبدًا أي شيء عن الشخص.
# en-hash: 310da67c
sms-ack = وصلت رسالتك إلى { $team }.{ $state } إن كانت مراسلتك هنا آمنة، ردّ بـ SAFE. لسنا خدمة طوارئ: 988 أو 833-773-2445 في أي وقت، و911 للطوارئ الطبية. للإيقاف ردّ بـ STOP. For English, reply EN.
# en-hash: 073766ec
sms-closed = { " " }نحن خارج ساعات العمل؛ رسالتك محفوظة للمناوبة التالية ({ $at }).
# en-hash: 1b5b5bb7
sms-full = { " " }كل المستجيبين مع آخرين الآن (حتى نحو { $until })؛ رسالتك محفوظة وسنتابعها حين يتفرغ أحد.
# en-hash: b0192756
sms-question = { $question } ردّ بـ { $choices }.
# en-hash: 5a50cdf2
sms-choice = { $n } لـ«{ $answer }»
# en-hash: 501b08ad
sms-screened = { $team }: شكرًا، هذا يساعدنا على إرسال الدعم المناسب.
# en-hash: c85f8a7a
sms-help = { $team }: دعم مجتمعي في الأزمات، لسنا خدمة طوارئ. راسلنا بما يحدث. للإيقاف ردّ بـ STOP. في أي وقت: 988، أو خط ماساتشوستس للصحة السلوكية 833-773-2445؛ و911 للطوارئ الطبية.
# en-hash: b4701cba
sms-start = { $team }: يمكنك مراسلتنا من جديد. للإيقاف ردّ بـ STOP.
# en-hash: 70917b58
sms-safe = { $team }: شكرًا. سنرسل إليك المستجدات هنا. للإيقاف ردّ بـ STOP.
# en-hash: 9897c5bb
sms-on-the-way = { $team }: فريق في الطريق إليك.
# en-hash: 505eff6d
sms-not-found = { $team }: لم نجدك. ردّ على هذه الرسالة لنكمل.
# en-hash: c3d54cd8
nav-directory = البحث عن دعم
# en-hash: 42087968
directory-title = البحث عن دعم قريب
# en-hash: 42087968
directory-heading = البحث عن دعم قريب
# en-hash: 1b65a787
directory-intro = طعام، ومكان للنوم الليلة، ومساعدة في الفواتير، ورعاية صحية، ومساعدة قانونية، وغير ذلك، من منظمات في المدينة وحولها. لا حاجة إلى حساب.
# en-hash: e3ad92be
directory-q = عمّ تبحث؟
# en-hash: b80feab3
directory-q-hint = بضع كلمات، مثل «بنك طعام» أو «مساعدة في الفواتير». لا يلزم أن يكون الإملاء دقيقًا.
# en-hash: d5e68044
directory-need = نوع الدعم
# en-hash: bcb32f11
directory-need-any = أي نوع
# en-hash: d9f314ef
directory-near = بالقرب من
# en-hash: abcb845c
directory-near-hint = عنوان شارع أو مكان، مثل «71 Cherry St».
# en-hash: 1f152125
directory-language = اللغة المستخدَمة
# en-hash: a8d71c96
directory-only = إظهار ما يلي فقط
# en-hash: 14b67e62
directory-open-now = مفتوح الآن
# en-hash: 420ad2f5
directory-free = مجاني
# en-hash: a0f76cf2
directory-no-id = لا يلزم إثبات هوية
# en-hash: b3d43659
directory-accessible = يسهل الوصول إليه بالكرسي المتحرك
# en-hash: 49c266ba
directory-search = بحث
# en-hash: 763f69cb
directory-near-unknown = لم نتمكن من العثور على هذا المكان، لذلك لم تُرتَّب النتائج حسب المسافة. يمكنك تجربة عنوان شارع.
# en-hash: 52ff47c0
directory-found = الخدمات التي وجدناها: { $count }
# en-hash: 604dce44
directory-all = الخدمات
# en-hash: 03f139fd
directory-distance = على بُعد { $distance }
# en-hash: 14b67e62
directory-is-open = مفتوح الآن
# en-hash: b7c1a931
directory-is-closed = مغلق الآن
# en-hash: e30be00a
directory-open-data = هذا الدليل بيانات مفتوحة (Open Referral HSDS 3.0) على /hsds. يُرجى الاتصال قبل الذهاب: المواعيد والأماكن تتغير.
# en-hash: 10502b14
directory-cap-open = مفتوح اليوم
# en-hash: 1ac45e3e
directory-cap-full = ممتلئ اليوم
# en-hash: 331b5264
directory-cap-closed = مغلق اليوم
# en-hash: 2942b2bf
directory-cap-available = أماكن متاحة: { $n }
# en-hash: a48a326d
directory-updated-now = تم التحديث للتو
# en-hash: ed333436
directory-updated-minutes = تم التحديث منذ { $n } د
# en-hash: f5f93e5d
directory-updated-hours = تم التحديث منذ { $n } س
# en-hash: 30362ef7
directory-updated-days = تم التحديث منذ { $n } يوم
# en-hash: beb72b36
directory-cap-legend = اليوم في { $name }
# en-hash: 2b065c7c
directory-cap-status = اليوم
# en-hash: 59dec9a3
directory-cap-places = الأماكن المتاحة (اختياري)
# en-hash: b1675c76
directory-cap-note = ملاحظة للجمهور (اختياري)
# en-hash: c1c1009d
directory-cap-save = تحديث
# en-hash: 6357161e
directory-refer = إحالة إلى { $name }
# en-hash: fcfa7b30
directory-referring = أنت تختار خدمة لإحالة شخص إليها.
# en-hash: 590fdb94
directory-referring-back = العودة إلى الطلب
# en-hash: 92340695
service-status-active = نشطة
# en-hash: ac7c949f
service-status-inactive = غير نشطة
# en-hash: d51a153c
service-status-defunct = لم تعد تعمل
# en-hash: 5859ebc8
field-error-restricted = الصندوق المقيَّد يحفظ أمواله لغرضه: لا يمكن نقلها منه.
# en-hash: 4472678a
mail-receipt-subject = { $org }: إيصال تبرعك بمبلغ { $amount }
# en-hash: de21eda2
mail-receipt-intro = شكرًا لتبرعك إلى { $org }. هذه الرسالة هي إيصالك.
# en-hash: bcc666c2
mail-receipt-link = إيصالك على الإنترنت: { $url }
# en-hash: 276243fb
mail-statement-subject = { $org }: كشف تبرعاتك لعام { $n }
# en-hash: b0f7706e
mail-footer = تصلك هذه الرسالة لأنك تبرعت إلى { $org } باستخدام هذا العنوان. نرسل الإيصالات، وكشف تبرعات مرة في السنة؛ لا شيء غير ذلك. لأي سؤال، يمكنك الرد على هذه الرسالة.
# en-hash: 85629534
donate-email-hint-no-mail = لإيصالك: سيظهر في الصفحة التالية، ويمكن للفريق إرساله مرة أخرى عند الطلب.
# en-hash: b9cf2c61
receipt-mail-sent = أرسلنا إليك هذا الإيصال بالبريد الإلكتروني.
# en-hash: cc777438
receipt-mail-waiting = نرسل إليك هذا الإيصال بالبريد الإلكتروني الآن.
# en-hash: 3a1ceaee
receipt-mail-failed = لم نتمكن من إرسال هذا الإيصال بالبريد الإلكتروني. يُرجى الاحتفاظ بهذه الصفحة، أو طلب نسخة من الفريق.
# en-hash: e0f4f767
day-today = اليوم
# en-hash: bafd151a
day-tomorrow = غدًا
# en-hash: 6a00dfc1
weekday-1 = الاثنين
# en-hash: 7d8af1de
weekday-2 = الثلاثاء
# en-hash: c0a6cc82
weekday-3 = الأربعاء
# en-hash: fc266206
weekday-4 = الخميس
# en-hash: e21f3f37
weekday-5 = الجمعة
# en-hash: dbe35c73
weekday-6 = السبت
# en-hash: 873fef76
weekday-7 = الأحد
# en-hash: f40d7f51
weekday-short-1 = الاثنين
# en-hash: d1eb39b0
weekday-short-2 = الثلاثاء
# en-hash: 58339f45
weekday-short-3 = الأربعاء
# en-hash: 7da11212
weekday-short-4 = الخميس
# en-hash: 66dab40c
weekday-short-5 = الجمعة
# en-hash: fdeb71b5
weekday-short-6 = السبت
# en-hash: db18f17f
weekday-short-7 = الأحد
# en-hash: 5c5db120
month-short-1 = يناير
# en-hash: caf71b3f
month-short-2 = فبراير
# en-hash: b4b7d381
month-short-3 = مارس
# en-hash: 617531b4
month-short-4 = أبريل
# en-hash: 8c78fe5b
month-short-5 = مايو
# en-hash: b27fd46e
month-short-6 = يونيو
# en-hash: c43f56b9
month-short-7 = يوليو
# en-hash: 41e1d82a
month-short-8 = أغسطس
# en-hash: 451e2b71
month-short-9 = سبتمبر
# en-hash: 6877e849
month-short-10 = أكتوبر
# en-hash: 3e630d29
month-short-11 = نوفمبر
# en-hash: f2a0cfbc
month-short-12 = ديسمبر
# en-hash: 691f5681
sms-language = { $team }: سنراسلك بالعربية.
# en-hash: 651bb684
inv-circle = الدوائر: الكلمات التي يختارها كل شخص في الدائرة ليُسمّى بها، ولغته وطريقة التواصل الآمن معه، وخطة سلامته، وملاحظات المحادثات معه، والاتفاقات التي تمت
# en-hash: 520e95a5
inv-circle-why = حتى يساعد الميسّرون الأشخاص المعنيين على حل نزاع أو ضرر معًا، مع حفظ كلمات كل شخص له وحده.
# en-hash: ea72772d
inv-circle-kept = حتى { $days } يومًا بعد إغلاق الدائرة؛ ثم تُتلف كل مفاتيحها. يمكن لأي شخص أن يطلب الاطلاع على ما يخصه أو محوه في أي وقت.
# en-hash: 5b6e6272
inv-circle-who = ميسّرو الدائرة فقط. لا أحد غيرهم، ولا حتى المسؤولون.
# en-hash: c3a5654a
inv-circle-how = كلمات كل شخص مقفلة بمفتاحه الخاص، والاتفاقات بمفتاح خاص بالدائرة. محو شخص واحد يترك كلمات الآخرين كما هي.
