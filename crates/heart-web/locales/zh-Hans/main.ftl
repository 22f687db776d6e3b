# reviewed-by-fluent-speaker: no
# Person-facing messages only (locales/person-facing.txt); staff pages fall back to English.

# en-hash: c887f134
skip-to-content = 跳到主要内容
# en-hash: eb814be3
nav-label = 主导航
# en-hash: 01b259ab
nav-sign-out = 退出登录（{ $name }）
# en-hash: 198cca6f
nav-ask = 寻求支持
# en-hash: bfd402b2
nav-sign-in = 登录
# en-hash: fabcf5e7
footer-not-emergency = 我们不是紧急服务。如遇医疗紧急情况，请拨打 911。如需危机支持，可随时拨打或发短信至 988，或拨打 Massachusetts Behavioral Health Help Line（马萨诸塞州行为健康求助热线）833-773-2445。
# en-hash: 89db19f6
required = （必填）
# en-hash: c01bf554
translation-new = 这是新的翻译，还没有请熟练掌握中文的人核对过。如果有读起来不对的地方，请在和我们通话时或发短信告诉我们。
# en-hash: 4f5d04f5
error-home = 返回首页
# en-hash: bb629e36
error-csrf-title = 请重新提交表格
# en-hash: 00b6c7bb
error-csrf = 这份表格已过期，或是在另一个窗口中打开的。没有保存任何内容。请检查后重新提交。
# en-hash: 04ed297e
error-forbidden-title = 这不属于您在这里的工作范围
# en-hash: 88a9c302
error-forbidden = 您的账户不包含这项权限。如有需要，请向有管理员权限的同事申请。
# en-hash: e3ebaa16
error-not-found-title = 未找到
# en-hash: d0b4733c
error-not-found = 我们找不到这个页面或记录。
# en-hash: 8692ef87
error-conflict-title = 无法完成这项操作
# en-hash: 8c98449c
error-throttled-title = 请稍等片刻
# en-hash: 78c7f4ec
error-invalid-title = 有些回答需要您留意
# en-hash: f0352631
error-invalid = 有些回答需要您留意。请返回检查表格。
# en-hash: dda10dd7
error-internal-title = 我们这边出了问题
# en-hash: be28368e
error-unavailable-title = 请稍后再试
# en-hash: 6a95b1b7
error-unavailable = 我们的数据库暂时无法连接（可能正在切换到备用系统）。没有保存任何内容。请过几秒钟再提交一次。
# en-hash: 5e42a274
error-internal = 我们这边出了问题，没有做任何更改。请再试一次。如果问题一直出现，请把事件代码 { $incident } 告诉您的管理员。
# en-hash: b7e838d5
errors-heading = 请检查以下回答
# en-hash: 59212ef4
field-error-required = 这一项必须填写。
# en-hash: d38529b6
field-error-invalid = 这看起来不太对。
# en-hash: 34b13edc
field-error-unknown = 这不是可选的选项之一。
# en-hash: 64ee6332
field-error-unreachable = 从这里沿街道无法到达那里。
# en-hash: 3cea9bbd
field-error-taken = 这个已经被占用了。
# en-hash: bb612d83
field-error-mismatch = 两次输入的密码不一致。
# en-hash: d1c5d653
alt-heading = 如果您现在就需要有人帮忙
# en-hash: 7d2805ba
alt-988 = 988 自杀与危机生命线：随时拨打或发短信至 988。
# en-hash: 268660fb
alt-bhhl = Massachusetts Behavioral Health Help Line（马萨诸塞州行为健康求助热线）：833-773-2445，全天候服务，提供多种语言。
# en-hash: 56e6607c
alt-911 = 医疗紧急情况：请拨打 911。
# en-hash: f34fe822
phone-text-988 = 发短信
# en-hash: f3808f25
hours-open = 我们现在正在服务。
# en-hash: f4e71746
hours-open-until = 我们现在正在服务，服务到 { $until }。
# en-hash: 461f2540
hours-closed = 我们现在不在服务时间。
# en-hash: c575dfde
hours-closed-until = 我们现在不在服务时间。下次开始服务：{ $at }。
# en-hash: 8f3a16bf
home-title = 用支持代替警察
# en-hash: bd88c356
home-heading = { $team }：社区危机支持
# en-hash: 5df2db4f
home-what = 当 { $area } 有人陷入痛苦、发生冲突或需要帮助时，由同伴支持者代替警察前来。我们倾听，我们陪伴，并帮助大家找到所需要的资源。
# en-hash: f3b82efd
home-not-emergency = 我们不是紧急服务。如遇医疗紧急情况，请拨打 911。
# en-hash: 198cca6f
home-ask = 寻求支持
# en-hash: 9c870aa6
home-how-heading = 如何运作
# en-hash: 6dec8e39
home-how-1 = 告诉我们发生了什么，可以是您自己的事，也可以是别人的事。您不必留下姓名。
# en-hash: 7782edf5
home-how-2 = 一位同伴支持者会给您回电，或者由两人小组来到您身边。
# en-hash: a94cadd6
home-how-3 = 我们从不派警察，您告诉我们的任何内容都不会提供给警察。
# en-hash: 198cca6f
request-title = 寻求支持
# en-hash: 198cca6f
request-heading = 寻求支持
# en-hash: ccecd5a6
request-questions-hint = 这些问题帮助我们决定派谁来。不想回答的可以跳过。
# en-hash: f6f4688f
request-send = 发送
# en-hash: 9681d288
request-limited = 过去几分钟内，从这个网络连接发来了很多请求，所以这次的请求没有发送。请过几分钟再试。如果您现在就需要有人帮忙，请使用下面的热线之一。
# en-hash: 07253bb3
donate-limited = 过去几分钟内，从这个网络连接发起了很多笔捐款，所以这一笔没有发起。请过几分钟再试。
# en-hash: ebbd2763
thanks-title = 我们已收到您的请求
# en-hash: ebbd2763
thanks-heading = 我们已收到您的请求
# en-hash: acf4f398
thanks-reference = 您的参考编号：{ $reference }
# en-hash: fd726019
thanks-status-link = 查看您的请求进展
# en-hash: 5e63933a
thanks-status-hint = 请保存这个链接，方便以后再来查看：它只显示您的请求进展到哪一步，不包含任何关于您的信息。任何拿到这个链接的人都能看到这些，所以请不要给别人。
# en-hash: f707b233
progress-kind-web = 您的支持请求
# en-hash: 1f6b043a
thanks-closed = 我们现在不在服务时间，所以在 { $at } 之前没有人会看到您的请求。如果您在那之前需要有人帮忙，请使用下面的热线之一。
# en-hash: d9572c66
thanks-full = 我们所有的小组现在都在陪伴其他人。您的请求正在排队，一有小组空出来，我们就会过来。如果您等不及，请使用下面的热线之一。
# en-hash: e664cc2c
thanks-team = 一有小组空出来，就会马上出发。
# en-hash: 2a92247f
thanks-contact = 小组成员会用您说过的安全方式与您联系。
# en-hash: 1700d434
intake-who-legend = 是谁在求助？
# en-hash: 843f77ae
requester-person = 需要支持的本人
# en-hash: 8f2a684c
requester-on_behalf = 替别人求助的人
# en-hash: ff394c9a
requester-partner = 合作机构
# en-hash: 2207d4a0
intake-summary = 发生了什么？
# en-hash: 2b40c4f7
intake-summary-hint = 用简单的话说。只写能帮助我们支持这个人的内容。
# en-hash: 91f45115
intake-where-legend = 在哪里？
# en-hash: d24e3af4
intake-location = 这个人在哪里？
# en-hash: 1edde58b
intake-location-hint = 一条街、一个路口或一个地点。也可以不填。
# en-hash: dac57454
intake-location-withheld = 不想透露
# en-hash: 238a676d
intake-lat = 纬度
# en-hash: 6d80458f
intake-lon = 经度
# en-hash: 05a49b09
intake-contact-legend = 如何联系对方
# en-hash: daf3a133
intake-contact-hint = 全部选填。欢迎匿名求助。
# en-hash: 26f8d208
intake-contact-name = 姓名或希望的称呼
# en-hash: 63dceb88
intake-contact-phone = 电话
# en-hash: a52d18b6
intake-safe-legend = 哪些方式是安全的？
# en-hash: f884bf09
intake-safe-hint = 我们只用对方认为安全的方式联系对方。
# en-hash: 5bb8abce
intake-safe-call = 可以打电话
# en-hash: 59b01c57
intake-safe-text = 可以发短信
# en-hash: 1a32d258
intake-safe-voicemail = 可以留语音留言
# en-hash: 48ec414f
intake-safe-hours = 方便安全联系的时间
# en-hash: 3d788c63
intake-code-word = 暗号
# en-hash: e77a0573
intake-code-word-hint = 我们的支持人员会说出这个词，让对方知道是我们。
# en-hash: 33b2baff
intake-language = 希望使用的语言
# en-hash: 8aa3e2b2
intake-interpreter = 这个人需要一名口译员
# en-hash: b3f8aa04
intake-questions-legend = 几个问题
# en-hash: ba118bf7
language-en = 英语
# en-hash: 3411059c
language-es = 西班牙语
# en-hash: da8757fe
language-pt-BR = 葡萄牙语（巴西）
# en-hash: ec18adfb
language-ht = 海地克里奥尔语
# en-hash: 8a9779f4
language-zh = 中文
# en-hash: e1b6cb2b
language-am = 阿姆哈拉语
# en-hash: bafb66f3
language-ar = 阿拉伯语
# en-hash: e7f4fe26
language-bn = 孟加拉语
# en-hash: e901fd85
language-other = 其他语言
# en-hash: 76f5ad67
need-housing = 住房
# en-hash: e4eb1806
need-food = 食物
# en-hash: 5ccc2e87
need-money = 经济
# en-hash: 726d11bd
need-safety = 安全
# en-hash: 014659ab
need-conflict = 冲突
# en-hash: fec80bef
need-medical = 医疗
# en-hash: f97e9da0
need-other = 其他
# en-hash: 49f19bee
status-received = 已收到
# en-hash: a62f9212
status-triaged = 已了解情况
# en-hash: cf540bd3
status-waiting = 等待小组
# en-hash: 0f3453e1
status-assigned = 已安排小组
# en-hash: c21ead06
status-closed = 已结束
# en-hash: d353a99e
status-cancelled = 已取消
# en-hash: 5011c951
time-in = { $duration }后
# en-hash: 159c8275
time-ago = { $duration }前
# en-hash: a69e7639
duration-m = { $m } 分钟
# en-hash: e2266625
duration-h = { $h } 小时
# en-hash: cd500055
duration-dh = { $d } 天 { $h } 小时
# en-hash: 8f3e5009
footer-what-we-hold = 我们保存哪些个人信息，保存多久
# en-hash: 5466af5f
inventory-title = 我们保存哪些个人信息
# en-hash: 824337fa
inventory-intro = 本服务保存的每一类个人信息：为什么保存、保存多久、谁能看到。我们尽量少收集信息。您可以请支持人员让您查看、导出或删除您的记录。
# en-hash: cc5bdd37
inventory-english-only = 以下详细内容暂时只有英文。您可以请支持人员用您的语言和您一起看。
# en-hash: d3ae14a5
inventory-why = 原因
# en-hash: 99a013a8
inventory-kept = 保存多久
# en-hash: 5d34a0f3
inventory-who = 谁能看到
# en-hash: 41d7f6da
inventory-how = 如何保护
# en-hash: b3468608
inventory-not-held = 我们从不保存的信息
# en-hash: 3e3b0bd8
inventory-not-held-list = 移民身份。“风险评分”或“经常来电者”之类的标记。任何要交给警察或来自警察的信息：系统里没有警察的角色，也没有任何途径向警察发送信息。
# en-hash: 76979221
inventory-your-rights = 如果有人要求获取关于您的信息（例如法院传票、警方要求），我们会记录下来，由两个人审核，并且会告诉您，除非法院命令禁止我们这样做。
# en-hash: bae8ad76
field-error-unchanged = 这个账户已经可以这样做了。
# en-hash: e5398945
suggest-some = 有 %n 个地点符合。请用方向键选择一个。
# en-hash: 20ad9e3a
suggest-none = 暂时没有地点符合这些字词。
# en-hash: 1874dac6
suggest-chosen = 已选择：%p。它在地图上的位置已经填好。
# en-hash: c6402106
nav-donate = 捐款
# en-hash: 0059798b
optional = （选填）
# en-hash: da8c72b1
donate-title = 今天就捐款
# en-hash: da8c72b1
donate-heading = 今天就捐款
# en-hash: a3664cc0
donate-intro = 您的捐款让 { $name } 能够继续代替警察接听求助电话：同伴支持者、为处境困难的人提供的互助，以及后续关怀。
# en-hash: 55aa9db1
donate-cancelled = 您的付款没有完成，没有收取任何费用。您可以在下面再试一次。
# en-hash: 2aadb5b5
donate-to-campaign = 为这个募捐活动捐款
# en-hash: ad9ac0c2
donate-goal = 已筹得，目标为 { $n }
# en-hash: db7f9e30
donate-progress = 已达到目标的 { $n }%
# en-hash: 276eacd2
donate-offline = 这里还没有开通网上捐款。如想用支票或银行转账捐款，请联系我们的团队；每笔捐款都会开具收据。
# en-hash: 06a1ee61
donate-amount = 捐多少？
# en-hash: 114523f0
donate-own-amount = 自己选择金额
# en-hash: 3b2b5679
donate-own-amount-label = 您的金额
# en-hash: dacc8bb3
donate-range = 最少 { $n }，
# en-hash: 61e3876a
donate-max = 最多 { $n }。
# en-hash: ddc79ba1
donate-how-often = 多久捐一次？
# en-hash: 30436158
donate-once = 一次性
# en-hash: 9b11f6b7
donate-monthly = 每月
# en-hash: b5858111
donate-fund = 用于哪方面？
# en-hash: 76cdcd26
donate-message = 简短留言
# en-hash: 09d06597
donate-message-hint = 最多 { $n } 个字符，纯文字。
# en-hash: ffc5b4e7
donate-counter = 已用 %n / %max 个字符
# en-hash: 3603f602
test-mode = 测试模式：不会有任何资金转移。
# en-hash: 31820338
test-mode-hint = 这是演示版。这里的捐款会经过本服务器上的一个模拟银行卡页面；不会收取任何费用，也不会有任何数据离开这台机器。
# en-hash: ff445f11
test-checkout-title = 模拟银行卡页面
# en-hash: b087b7b2
test-checkout-monthly = 每月
# en-hash: 994c3495
test-checkout-pay = 付款（测试：不会收费）
# en-hash: fbd738a3
test-checkout-done = 这笔捐款已经收到了。
# en-hash: 08571589
test-checkout-receipt = 查看收据
# en-hash: 67fb80c7
test-checkout-cancel = 不捐款，返回
# en-hash: 2c6b2e25
donate-name = 您的姓名
# en-hash: 5bdc002f
donate-anonymous = 匿名捐款（您的姓名不会在任何地方显示）
# en-hash: c36b1f8e
donate-email = 接收收据的电子邮箱
# en-hash: e6f72ffc
donate-email-hint = 我们会把收据发给您，并每年发一次您的捐款汇总。不会发其他内容。
# en-hash: efadf373
donate-give = 继续付款
# en-hash: d634006e
donate-secure = 您将在支付服务的安全页面上付款；我们永远看不到您的银行卡信息。
# en-hash: 1b791eae
donate-separate = 我们掌握的捐款人信息，与我们所支持的人的记录分开保存，只有负责记账的人才能看到。
# en-hash: e3f75b4b
receipt-title = 您的收据
# en-hash: 268bc183
receipt-heading = 谢谢您
# en-hash: 254be555
receipt-pending-heading = 正在等待付款结果
# en-hash: 20dc050d
receipt-pending = 我们还没有收到支付服务的回复。通常只需要几秒钟。
# en-hash: fb7099ad
receipt-check-again = 再查看一次
# en-hash: fb7d64e2
receipt-acknowledgement = 捐款确认函
# en-hash: 350be364
receipt-organisation = 机构
# en-hash: 911f2424
receipt-tax-id = 税号 { $n }
# en-hash: f7c38806
receipt-donor = 捐款人
# en-hash: 49e96d7c
receipt-amount = 金额
# en-hash: 99c40ab4
receipt-date = 日期
# en-hash: ca15ebc0
receipt-fund = 用途
# en-hash: e16bd0b1
receipt-refunded = 已退还
# en-hash: 71bf9093
receipt-reference = 参考编号
# en-hash: 7c7b2569
receipt-no-goods = 本次捐款没有换取任何商品或服务。
# en-hash: cf1c1ae6
receipt-large = 请保存这份确认函：对于 $250 或以上的捐款，这就是美国税务规定要求的书面确认。
# en-hash: 1107ad83
receipt-your-message = 您的留言：
# en-hash: f65f007d
receipt-keep = 请保存本页的网址，以便再次查看您的收据。
# en-hash: 63ff1131
field-error-generic = 这个无法使用。请检查后再试一次。
# en-hash: 856f29fb
service-open = 团队正在服务，会尽快回应。
# en-hash: a537ef97
service-full = 团队正在服务，但所有支持人员现在都在陪伴其他人。您的请求已保存，一有人空出来就会处理。
# en-hash: 68c0d7d7
service-full-until = 团队正在服务，但所有支持人员现在都在陪伴其他人（大约到 { $until }）。您的请求已保存，一有人空出来就会处理。
# en-hash: 06a36cfe
service-closed = 团队现在不在服务时间。您的请求已保存，会留给下一班处理。
# en-hash: 7a2eb461
service-closed-until = 团队现在不在服务时间。您的请求已保存，会留给下一班处理。下一班开始时间：{ $at }。
# en-hash: a102086c
hours-full = 我们正在服务，但所有支持人员现在都在陪伴其他人。请求会被保存，一有人空出来就会处理。
# en-hash: cd418dcd
hours-full-until = 我们正在服务，但所有支持人员现在都在陪伴其他人，大约到 { $until }。请求会被保存，一有人空出来就会处理。
# en-hash: 317acac9
hours-holiday = 我们今天不服务。
# en-hash: 86ad3fee
progress-title = 进展如何
# en-hash: 86ad3fee
progress-heading = 进展如何
# en-hash: 8ce09e4f
progress-kind = 发送的内容：{ $name }
# en-hash: f4f394d1
progress-since = 收到时间：{ $when }。
# en-hash: e9660bd2
progress-waiting = 已收到。合作机构的等待时间结束后，如果仍有需要，团队会接手处理。
# en-hash: 0899b35c
progress-received = 已收到。团队已经接手。
# en-hash: e01c351d
progress-closed = 已结束。
# en-hash: e5b95c2e
progress-private = 本页只显示进展到哪一步，绝不显示任何关于这个人的信息。
# en-hash: 310da67c
sms-ack = { $team }已收到您的信息。{ $state }如可以安全地在此给您发进展短信，请回复 SAFE。我们不是紧急服务：随时可拨 988 或 833-773-2445；医疗急救请拨 911。回复 STOP 停止接收。For English, reply EN.
# en-hash: 073766ec
sms-closed = { " " }我们现在不在服务时间；您的信息已保存，留给下一班（{ $at }）。
# en-hash: 1b5b5bb7
sms-full = { " " }所有支持人员现在都在陪伴他人（约到 { $until }）；您的信息已保存，一有人空出来就会处理。
# en-hash: b0192756
sms-question = { $question } 请回复 { $choices }。
# en-hash: 5a50cdf2
sms-choice = { $n }={ $answer }
# en-hash: 501b08ad
sms-screened = { $team }：谢谢，这能帮我们安排合适的支持。
# en-hash: c85f8a7a
sms-help = { $team }：社区危机支持，不是紧急服务。请发短信告诉我们发生了什么。回复 STOP 停止接收。随时可拨 988 或麻州行为健康求助热线 833-773-2445；医疗急救请拨 911。
# en-hash: b4701cba
sms-start = { $team }：您可以再给我们发短信了。回复 STOP 停止接收。
# en-hash: 70917b58
sms-safe = { $team }：谢谢。我们会在这里发短信告诉您进展。回复 STOP 停止接收。
# en-hash: 9897c5bb
sms-on-the-way = { $team }：一个小组正在赶来。
# en-hash: 505eff6d
sms-not-found = { $team }：我们没能找到您。请回复这条短信继续。
# en-hash: c3d54cd8
nav-directory = 查找支持
# en-hash: 42087968
directory-title = 查找附近的支持
# en-hash: 42087968
directory-heading = 查找附近的支持
# en-hash: 1b65a787
directory-intro = 食物、今晚的床位、账单帮助、医疗服务、法律帮助等等，由本市及周边的机构提供。无需注册账户。
# en-hash: e3ad92be
directory-q = 您在找什么？
# en-hash: b80feab3
directory-q-hint = 几个词就行，例如“food pantry”（食物银行）或“help with bills”（账单帮助）。拼写不必完全准确。
# en-hash: d5e68044
directory-need = 支持类型
# en-hash: bcb32f11
directory-need-any = 任何类型
# en-hash: d9f314ef
directory-near = 靠近
# en-hash: abcb845c
directory-near-hint = 街道地址或地点，例如“71 Cherry St”。
# en-hash: 1f152125
directory-language = 使用的语言
# en-hash: a8d71c96
directory-only = 只显示
# en-hash: 14b67e62
directory-open-now = 现在开放
# en-hash: 420ad2f5
directory-free = 免费
# en-hash: a0f76cf2
directory-no-id = 无需身份证件
# en-hash: b3d43659
directory-accessible = 轮椅可通行
# en-hash: 49c266ba
directory-search = 搜索
# en-hash: 763f69cb
directory-near-unknown = 我们找不到这个地点，所以结果没有按距离排序。请试试输入街道地址。
# en-hash: 52ff47c0
directory-found = 找到的服务：{ $count }
# en-hash: 604dce44
directory-all = 服务
# en-hash: 03f139fd
directory-distance = 距离 { $distance }
# en-hash: 14b67e62
directory-is-open = 现在开放
# en-hash: b7c1a931
directory-is-closed = 现在关闭
# en-hash: e30be00a
directory-open-data = 本目录是开放数据（Open Referral HSDS 3.0），网址为 /hsds。前往之前请先打电话确认：开放时间和地点可能会变。
# en-hash: 10502b14
directory-cap-open = 今天开放
# en-hash: 1ac45e3e
directory-cap-full = 今天已满
# en-hash: 331b5264
directory-cap-closed = 今天关闭
# en-hash: 2942b2bf
directory-cap-available = 还有 { $n } 个空位
# en-hash: a48a326d
directory-updated-now = 刚刚更新
# en-hash: ed333436
directory-updated-minutes = { $n } 分钟前更新
# en-hash: f5f93e5d
directory-updated-hours = { $n } 小时前更新
# en-hash: 30362ef7
directory-updated-days = { $n } 天前更新
# en-hash: beb72b36
directory-cap-legend = { $name } 今天的情况
# en-hash: 2b065c7c
directory-cap-status = 今天
# en-hash: 59dec9a3
directory-cap-places = 空位数（选填）
# en-hash: b1675c76
directory-cap-note = 给公众的说明（选填）
# en-hash: c1c1009d
directory-cap-save = 更新
# en-hash: 6357161e
directory-refer = 转介到 { $name }
# en-hash: fcfa7b30
directory-referring = 您正在选择一个服务，把某人转介过去。
# en-hash: 590fdb94
directory-referring-back = 返回请求
# en-hash: 92340695
service-status-active = 运营中
# en-hash: ac7c949f
service-status-inactive = 暂停服务
# en-hash: d51a153c
service-status-defunct = 已停止运营
# en-hash: 5859ebc8
field-error-restricted = 限定用途的基金只能把钱用于指定用途：不能转出。
# en-hash: 4472678a
mail-receipt-subject = { $org }：您捐赠 { $amount } 的收据
# en-hash: de21eda2
mail-receipt-intro = 感谢您向 { $org } 捐款。这封邮件就是您的收据。
# en-hash: bcc666c2
mail-receipt-link = 您的在线收据：{ $url }
# en-hash: 276243fb
mail-statement-subject = { $org }：您 { $n } 年的捐款汇总
# en-hash: b0f7706e
mail-footer = 您收到这封邮件，是因为您用这个邮箱地址向 { $org } 捐过款。我们只发送收据和每年一次的捐款汇总，不会发送其他内容。如有任何问题，请直接回复这封邮件。
# en-hash: 85629534
donate-email-hint-no-mail = 关于收据：收据会显示在下一页；如有需要，团队可以再次发给您。
# en-hash: b9cf2c61
receipt-mail-sent = 我们已通过电子邮件把这份收据发给您。
# en-hash: cc777438
receipt-mail-waiting = 我们正在通过电子邮件把这份收据发给您。
# en-hash: 3a1ceaee
receipt-mail-failed = 我们无法通过电子邮件发送这份收据。请保存本页，或向团队索取一份副本。
# en-hash: e0f4f767
day-today = 今天
# en-hash: bafd151a
day-tomorrow = 明天
# en-hash: 6a00dfc1
weekday-1 = 星期一
# en-hash: 7d8af1de
weekday-2 = 星期二
# en-hash: c0a6cc82
weekday-3 = 星期三
# en-hash: fc266206
weekday-4 = 星期四
# en-hash: e21f3f37
weekday-5 = 星期五
# en-hash: dbe35c73
weekday-6 = 星期六
# en-hash: 873fef76
weekday-7 = 星期日
# en-hash: f40d7f51
weekday-short-1 = 周一
# en-hash: d1eb39b0
weekday-short-2 = 周二
# en-hash: 58339f45
weekday-short-3 = 周三
# en-hash: 7da11212
weekday-short-4 = 周四
# en-hash: 66dab40c
weekday-short-5 = 周五
# en-hash: fdeb71b5
weekday-short-6 = 周六
# en-hash: db18f17f
weekday-short-7 = 周日
# en-hash: 5c5db120
month-short-1 = 1月
# en-hash: caf71b3f
month-short-2 = 2月
# en-hash: b4b7d381
month-short-3 = 3月
# en-hash: 617531b4
month-short-4 = 4月
# en-hash: 8c78fe5b
month-short-5 = 5月
# en-hash: b27fd46e
month-short-6 = 6月
# en-hash: c43f56b9
month-short-7 = 7月
# en-hash: 41e1d82a
month-short-8 = 8月
# en-hash: 451e2b71
month-short-9 = 9月
# en-hash: 6877e849
month-short-10 = 10月
# en-hash: 3e630d29
month-short-11 = 11月
# en-hash: f2a0cfbc
month-short-12 = 12月
# en-hash: 691f5681
sms-language = { $team }：我们会用中文给您发短信。
