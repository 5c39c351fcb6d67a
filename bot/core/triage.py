"""What a message is before it may become a ticket, by its words, whatever the classifier guessed:

- danger words (fire, gas, someone down, a person trapped, water pouring in) make an emergency;
- abuse (傻逼, 滚, 你们这些废物) never does, and abuse alone is answered calmly, never filed;
- an information request (the notice board, my grid worker's number, opening hours, how to vote or
  send a photo, where to charge a battery) is answered, never filed: a ticket needs a problem.
"""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core import (
    angry_words,
    danger_signs,
    help_requests,
    nuisances,
    person_danger,
    problem_context,
    question_kinds,
)
from bot.core.made_up import made_up
from bot.core.nobody_hurt import nobody_hurt, without_nobody
from bot.core.person_danger import (
    fell_from_height,
    lift_with_people,
    may_be_down,
    missing_person,
    only_an_animal,
    thing_fell,
)

# Verbs of a thing's state before 倒起 (Sichuanese "…着": 堵倒起了, 坏倒起了, 锁倒起的; blind test 22, #1 and #48): the
# thing stays so, nobody fell. 有个老人在路边倒起了, 婆婆倒起了 are still someone down.
# A head (or someone) hit with something ("拿酒瓶子砸脑壳"), never a thing dropped onto the ground (砸在地上).
HEAD_HIT = r"砸(?:到|了|中|在|破)?(?:人(?!家)|头|脑壳|脑袋|脑门)"
# Taken ill after medicine or poison: vomiting, drowsy, not waking (blind test 36, M11b: 我妈吃了药一直吐 人迷迷糊糊的
# was an ordinary ticket). 120, never a question about the medicine.
POISONED = (r"(?:吃|喝|服|吞)(?:错|多|了|下|过)*(?:了)?(?:药|农药|老鼠药|耗子药|安眠药)[^。！!？?]{0,14}"
            r"(?:吐|迷糊|昏|晕|醒不|不醒|喊不|叫不|抽|白沫|没反应)|"
            # taken, never about to (要喝农药: someone about to end their life is 110's, blind test 27)
            r"(?:喝|吃|吞)了(?:农药|老鼠药|耗子药|敌敌畏|百草枯)|(?<![要想])(?:喝|吃|吞)(?:农药|老鼠药|耗子药|敌敌畏|百草枯)了")
STATE_VERBS = "堵坏关锁卡停堆放占摆搁晾挂架靠立竖码塞"
_STATE_ASPECT = re.compile(f"[{STATE_VERBS}]倒起")
# 偷 as a theft, never the adverb 偷偷 nor 偷倒, 偷排, 偷挖 (dumped, drained, dug on the sly: nuisances).
_STEALS = r"(?<!偷)偷(?![偷摸倒排放埋烧懒看听跑溜挖采建搭盖接钓])"
# A stranger climbing in: at a window or a balcony, over the wall into a yard, or in through the window already.
INTRUDER = (r"(?:有人|有个人|有个男的|有个女的|有个陌生人|陌生人|小偷|贼)[^，,。！!？?\s]{0,4}(?:在|正在)?"
            r"[^，,。！!？?\s]{0,3}"
            r"(?:翻|爬|钻|撬)[^，,。！!？?\s]{0,6}(?:窗|阳台|围墙|院墙|墙进|防盗网)|"
            r"(?:从|翻|爬)(?:窗|窗子|窗户|阳台)[^，,。！!？?\s]{0,3}(?:爬|翻|钻)?进(?:来|去|屋|了)|"
            # 有贼 在偷我屋头的东西, 屋头进贼了 还没走 (blind test 33's B111 kind, an ordinary ticket): a thief at it
            r"(?:贼|小偷|贼娃子|扒手)[^，,。！!？?]{0,3}(?:在|正在)[^，,。！!？?\s]{0,4}(?:偷|撬|翻|拿)|"
            r"进(?:了)?贼[^。！!？?]{0,6}(?:还没走|还在|没走)|"
            # 有个人在我家阳台上 (an ordinary ticket): a stranger on the sender's own balcony or sill
            r"有个?(?:陌生)?(?:人|男的|女的)(?:在|蹲在|站在|趴在|躲在)我(?:家|屋头|屋里|屋)?的?(?:阳台|窗台|窗子|窗户)"
            r"(?:上|外|外面|外头|那里|那点)?(?=[\s，,。！!？?]|$)")
# The intruder gone: 跑了, 走了, 溜了.
_GONE = re.compile(r"(?:跑|走|溜|逃)(?:脱|掉)?了|不在了|已经跑|已经走")
# Happening now and dangerous to life or home. "救命" alone is enough.
_DANGER = re.compile(
    r"救命|着火|起火|失火|火灾|烧起来|燃起来|爆燃|冒黑烟|浓烟|好多烟|好大的烟|烟好大|烟子好大|烟子大得很|烟大得很|全是烟|火好大|"
    r"煤气味|燃气味|天然气味|液化气味|漏气|煤气.{0,4}(?:泄|漏)|"
    # A gas pipe hissing, maybe leaking ("天然气管子有点嗤嗤的响 不晓得是不是漏了", blind test 25: an ordinary ticket).
    r"(?:煤气|燃气|天然气|液化气)[^。！!？?]{0,10}(?:嗤|呲|滋滋|嘶嘶|丝丝|漏了|在漏)|"
    # A fight with bricks or sticks (妈的 楼下几个人打群架 有人拿砖头砸, blind test 25: an ordinary ticket).
    r"打群架|群殴|(?:拿|提|抄|捡)(?:起|了|到)?(?:砖头|砖块|石头|棍子|棒棒|棒子|钢管|铁棍|铁棒|板凳|凳子|酒瓶)|"
    r"(?:砖头|砖块|石头)[^，,。！!？?\s]{0,2}砸|"
    r"晕倒|昏倒|昏迷|晕过去|喊不醒|叫不醒|喊不应|叫不应|没得气|没气了|人.{0,6}(?<![走爬搬拿推拉提抬跑挪扛背])不动了|"
    f"(?<![{STATE_VERBS}])倒起了|"
    r"倒在地|抽搐|口吐白沫|" + POISONED + "|"
    r"喘不上气|喘不过气|喘不赢|噎住了?|噎到了|哽住了|心脏病|血止不住|流了?好多血|头.{0,2}打破|脑壳.{0,3}(?:打破|打烂|破了|开花)|血流了|流血|"
    r"一地的?血|满地.{0,2}血|好多血|"
    # Fallen and unable to get up, a head hit with a bottle or a brick (blind test 24, B93 and B97: ordinary tickets).
    r"(?:摔|跌)[^，,。！!？?]{0,8}(?:起不来|爬不起来|站不起来)|" + HEAD_HIT + "|"
    r"(?:压|埋)(?:到|住|倒|了)人|(?:人|娃|孩|他|她)[^，,。！!？?\s]{0,3}(?:压|埋)在|"
    # A pole or a wire down on the road (blind test 23, N58: 电杆倒起了 电线拖在地上): live wires, for the police.
    r"电线.{0,4}(?:拖在地|掉在地|掉到地|落地|垂到地|拖到地|断了)|电线?杆.{0,2}倒|"
    # A missing person, elderly or a child (blind test 23, N14: 老汉儿走丢了 他有老年痴呆): for the police.
    r"持刀|拿刀|砍人|杀人|抢劫|"
    r"溺水|掉河|掉水里|掉进水|掉进河|掉塘|掉到河|掉到水|落水|淹到人|"
    # People cut off by a flood (涨水了 石桥村四组有户人家被水围住了 出不来, blind test 37, M9c: "没太看懂").
    r"(?:被|遭)水(?:围|困|冲走|淹)|水(?:围|困)住|山洪(?:来了|下来|冲)|洪水(?:来了|冲|淹|进屋|围)|"
    r"关到人|困到人|困人|困在电梯|被困在|人[^，,。！!？?\s]{0,3}困在|关在电梯|电梯.{0,6}(?:困|关到)|(?:关|困)了.{0,3}人在(?:里头|里面)|"
    r"触电|爆炸|塌了|倒塌|垮了|垮塌|塌方|跳楼(?![价甩])|自杀|轻生|"
    r"水.{0,6}(?:灌|淹)(?![不没])|水一直冲|水哗哗(?:的|地)?(?:往|灌|进|淹)|淹了|淹到|漫进屋|"
    r"漏电|(?:电线|插座|电闸|电表|电箱|配电箱).{0,4}(?:泡水|浸水|进水|泡到水|泡在水)|"
    r"(?:电线|插座|电闸|电表|电箱|配电箱|充电).{0,6}(?:冒火|打火|火花|冒烟)|"
    # A theft happening now (blind test 8, #123: "有人在河滨公园偷电缆 两个人 开个面包车" got no 110 advice).
    # 偷偷, 偷倒, 偷排 (晚上有人在小区里面偷偷倒建筑垃圾, blind test 32, B103 was told 110): stealth, never a theft.
    f"有人在[^，,。！!？?\\s]{{0,8}}(?:{_STEALS}|撬)(?!了)|正在(?:{_STEALS}|撬)|(?:撬门|撬锁)(?!了)|"
    # Someone climbing in at a window or over the wall now (有人在翻我屋头窗子, blind test 33's B111 kind, was read
    # as a place only): a break-in, the police's.
    + INTRUDER)
# Something collapsed: a danger to life when a home or a person is in it ("房子垮了 有人", "塌方 压到人"),
# an ordinary (if urgent) report when only a road, a bridge or a bank went ("机耕路垮了一截 三轮车过不去").
_COLLAPSE = re.compile(r"塌了|倒塌|垮了|垮塌|塌方")
_DOWN_ONLY = {"塌了", "倒塌", "垮了", "垮塌", "塌方", "倒起了"}  # danger words a thing down says, nobody hurt
_WAY = re.compile(r"路|桥|坎|堡坎|田埂|沟|渠|河堤|围墙|挡墙|护栏|涵洞|道|过不去|走不通|走不了|开不过去")
_PEOPLE_OR_HOME = re.compile(r"人|房|屋|楼|家|娃|孩|老汉|老婆婆|住|埋|压|砸|困|救")
# Said of a risk, not of something happening ("电线乱拉 怕着火").
# Water (a drip from upstairs, a leaking pipe, a wet ceiling): an emergency only with danger words in it
# (水漫进屋, 电线泡水), never on the classifier's word alone. Blind test 5, #117: "楼上又在往下滴水了" was told 119.
_WATER = re.compile(r"水渠|沟渠|灌不进|灌不到|灌溉|"  # 田里灌不进水 (blind test 29, B66 was told 119): no flood
                    r"滴水|漏水|渗水|冒水|积水|停水|水管|水龙头|水表|下水|往下滴|在滴|滴到|漏到|渗到|渗漏|浸水")
_ONLY_A_RISK = re.compile(r"怕|担心|防止|预防|万一|会不会|隐患|容易")
_ABUSE = re.compile(
    r"傻[逼比屄b]|煞笔|沙比|\bsb\b|你妈的|他妈的|"
    # 妈的 alone is a curse; 我妈的票 is her mother's (blind test 31, A-B145b: 我妈的票撤回了吧 was calmed)
    r"(?<![我老咱俺妈姨舅姑干亲后岳])妈的|尼玛|操你|草泥马|日你|狗日|龟儿子|瓜娃子|"
    r"(?:^|[\s，,。!！])滚(?=$|[\s，,。!！吧哦噻嘛哈啰咯])|滚开|滚蛋|滚远|滚出去|给我滚|"
    r"废物|饭桶|混蛋|王八蛋|去死|脑残|白痴|神经病|吃屎|你们这些垃圾|一群垃圾|一帮垃圾|没用的东西|闭嘴|死开|"
    # Sichuanese brush-offs and venting at the service itself (blind test 10, #8, #83: 爬开, 关你啥子事, 破系统 气死人):
    # never a report, never a place.
    # 爬 alone, as 滚 alone (blind test 26, A32)
    r"(?:^|[\s，,。!！])爬(?:开|远点|远些|哦|(?=$|[\s，,。!！吧]))|关你(?:啥子|什么|屁|锤子|啥)事|(?:就是|老子)?骂你|"
    r"(?:破|烂|垃圾|狗屁)系统|气死人|气死我了?|日你先人|"
    # Calling the bot stupid (哈哈哈哈 你们好笨 安居苑的, blind test 29, B87: held as a place)
    r"(?:好|太|真|真的|咋个这么|怎么这么)(?:笨(?!重|拙|手)|蠢)|笨死了?|蠢死了?|笨得很|蠢得很|笨蛋|蠢货|蠢猪")
# Words of a problem to fix: with them, a question ("路灯坏了咋个办") is still a report.
_PROBLEM = re.compile(
    r"坏|漏|堵|臭|吵|烂|破|断|塌|垮|裂|脏|乱|占|偷|抢|打架|吵架|噪音|积水|停水|停电|没水|没人收|没人管|"
    r"不亮|(?:没|莫)得?亮|不通|不响|"
    # The tap water yellow, muddy or smelling (blind test 29): water quality, a report.
    r"水[^，,。！!？?\s]{0,3}(?:黄|浑|混|黑|发绿)|(?:黄|浑)水|水[^，,。！!？?\s]{0,4}(?:怪味|异味|臭味)|不修|修|松了|掉了|掉下来|丢了|不见了|翻了|倒了|歪了|爆了|冒水|渗水|滴水|水滴|滴到|滴下|往下滴|滴在|漫出|溢出|进水了|淹|卡住|卡主|卡起了|火|烟|味|欺负|拖欠|工资|"
    r"霸凌|骂|叫唤|咬|狗|老鼠|蚊子|虫|摔|病|晕|伤|痛|疼|危险|隐患|违章|违建|乱搭|乱倒|乱扔|乱停|找不到人|"
    # Rubbish described where it should not be ("花坛边上好多建筑垃圾", blind test 7, #63), not 垃圾分类 asked about.
    r"建筑垃圾|装修垃圾|渣土|(?:好多|一堆|一大堆|满地|遍地|到处都?是)垃圾|垃圾.{0,4}(?:堆|满了|成山|没人|莫得人|没得人)|"
    # Things piled where they should not be (楼顶上…堆了好多泡沫箱子, blind test 29, B99: 答不上).
    r"乱堆|堆满|堆了好多|堆起好多|堆了一大堆|堆得到处|"
    # Sand or earth dug where it must not be (三组那边有人在河边挖沙 河堤都挖空了, blind test 30, B116: "好的，记下了").
    r"挖沙|挖砂|采沙|采砂|盗采|偷挖|乱挖|挖空了|掏空了")
# "哪个倒的都不晓得", "不晓得是哪家堆的": who did it is not known, a remark about the problem, not a question to us.
# "不晓得哪个堆了好多泡沫箱子" (blind test 29, B99): someone unknown did it, said with what was done.
_WHO_DID_IT = re.compile(r"(?:不晓得|不知道|不清楚|搞不清楚?)(?:是)?(?:哪个|谁|哪家|哪些人|啥子人|什么人)"
                         r"(?:[^，,。！!？?\s]{0,6}的|(?=[^，,。！!？?\s]{0,4}(?<!得)(?:了|把|往)))|"
                         r"(?:哪个|谁|哪家|哪些人|啥子人|什么人)[^，,。！!？?\s]{0,6}的(?:都|也)?"
                         r"(?:不晓得|不知道|不清楚|搞不清楚?)(?![吗嘛呢？?])")
_QUESTION = re.compile(r"咋个|咋样|怎么|怎样|如何|多少|几点|几号|在哪|哪里|哪点|哪儿|哪个|哪些|哪家|什么时候|"
                       r"啥时候|好久|啥子|什么|是不是|能不能|可不可以|有没有|有没得|吗|嘛[?？]|呢|[?？]|请问|想问|问一下|问哈|"
                       # Sichuanese: 好多 is "how much" after a verb of paying (医保报得到好多, blind test 6, #6),
                       # and a closing 不 asks (社区礼拜六开门不, #7).
                       r"(?:报|要|给|补|赔|花|交|退|发|收)(?:得到|得了|得|了)?好多(?:钱)?(?:嘛|哦|呢|$)|好多钱|"
                       r"(?:开门|关门|上班|下班|办公|开放|营业|休息|有人|在|行|得行|可以|能|要)不[?？]?$|"
                       # 老年人坐公交免费不, 是真的不 (blind test 28, B17, B82): what it costs, whether it is true
                       r"(?:免费|要钱|收钱|收费|贵|便宜|划算|真的|假的|对|准)不[?？]?$|真的假的|是真是假|"
                       # 停车费一个月好多, 种点菜要得不 (blind test 29): what it costs, whether it is allowed
                       r"(?:费|钱|价)[^，,。！!？?\s]{0,6}(?:好多|多少)(?:钱)?(?:嘛|哦|呢|啊)?$|要得不[?？]?$|"
                       # A-not-A asks (周末上不上班, 开不开门, 休不休息: blind test 22, #45)
                       r"([\u4e00-\u9fff])不\1|"
                       # 可以… closing its clause with 不 asks too (送外卖的可以帮你们发通知不 我天天在这几个小区跑)
                       r"(?:可以|能不能|能)[\u4e00-\u9fff]{1,12}?不(?=\s|$)|"
                       # 种葱子犯法不, 孙子不想上学 咋办 (blind test 31, AB73b2, B67): whether it is allowed, what to do
                       r"(?:犯法|违法|违规|合法|允许|准许|罚款|遭罚|挨罚)(?:不|吗|没得|没有)|咋办|咋整|咋弄|咋搞|怎么整|"
                       # 物业费涨了 合理不 (blind test 32, B44: asked where, then filed): whether it is fair
                       r"(?:合理|正常|合规|公平|应该|对头|有道理|说得过去)(?:不|吗|没得|没有|哇|噻)[?？]?$|凭啥|凭什么")
_BOARD = re.compile(r"公告|黑板|通知栏|议事结果")
# 网格员有微信没得, 把网格员微信给我 (blind test 29): their published phone, never a number to register.
_CONTACT = re.compile(r"网格员.{0,6}(?:电话|号码|手机|微信|联系|是哪个|是谁|叫啥)|(?:电话|号码|微信).{0,4}网格员")
# The call not come yet (周网格员还没打电话来, blind test 30, A-B108): about the ticket, never asking the number.
_NOT_CALLED = re.compile(r"(?:没|莫)(?:有|得)?(?:人)?(?:打|回|来|给我打)(?:个)?电话|(?:没|莫)(?:有|得)?(?:人)?联系")
# 找哪个 alone (有事找哪个) asks whom to contact; with a matter in it (天然气开通找哪个, 开个居住证明 找哪个: blind test
# 29) it is a question about that matter, for the knowledge base.
_WHOM = re.compile(r"找哪个|找谁")
_NO_MATTER = re.compile(r"[\s，,。？?!！]|我|有|事情?|问题|要|应该|该|去|这个|那个|这种|这些|哦|嘛|呢|啊|哈|的|了|那|"
                        r"请问|想问一?下")
# Someone else's number ("我想找李磊 他电话好多", blind test 6, #80): never given; the sender's own contacts are.
# 打电话给我 is a call to the sender, no number asked for (blind test 34, B89: 啥时候打电话给我 got "不便提供").
_SOMEONE = re.compile(r"(?:电话|号码|手机号?)(?:是|号码|号)?(?:好多|多少)|"
                      r"(?<![打回拨来])(?<![打回拨来]个)(?:电话|号码|手机号?).{0,4}(?:给我|告诉我)|"
                      # 帮我查一下楼上李婆婆家的电话号码 (blind test 22, #88)
                      # 帮我找下楼上李婆婆家的电话 (leftovers of the blind tests): 找, never 找不到
                      r"(?:查|打听|问|找)(?!不)(?:一下|一哈|下)?[^，,。\s]{0,12}(?:电话|号码|手机)|"
                      # 我想要3栋2单元张大爷儿子的手机号 (blind test 23, #6): someone's number asked for, never a
                      # registration of the sender's own new number
                      r"(?:要|找|求)[^，,。\s]{0,14}(?<![我])的(?:电话|号码|手机号?|联系方式)")
_HOW_TO_VOTE = re.compile(r"(?:咋个|怎么|怎样|如何|咋)\s*(?:投票|投|表决)")
_HOW_TO_PHOTO = re.compile(r"(?:咋个|怎么|怎样|如何|咋)\s*(?:发|拍|传|上传)\s*(?:照片|图片|相片|图)|"
                           r"(?:照片|图片|相片)\s*(?:咋个|怎么|怎样|如何|咋)\s*(?:发|拍|传|上传)|"  # either order (#73)
                           # 咋个给你们发照片, 就是想把照片发给你们 咋个发 (blind test 33, B120: the menu)
                           r"(?:咋个|怎么|怎样|如何|咋)\s*(?:给|跟|向)(?:你们|你)\s*(?:发|传)\s*(?:个|张|几张)?(?:照片|图片|相片|图)|"
                           r"把(?:照片|图片|相片|图)[^，,。]{0,4}(?:发|传)给(?:你们|你)[\s，,]*(?:咋个|怎么|怎样|如何|咋)|"
                           # 我想拍个相片给你们看 咋个弄嘛, 发个图片咋弄 (blind test 23, #7)
                           r"(?:拍|发|传)(?:个|张|几张|一张)?(?:照片|图片|相片|图)[^，,。]{0,8}(?:咋个|怎么|怎样|如何|咋)|"
                           # 可以发照片不, 能不能发图片 (blind test 30, B89: not answered): whether it may be sent
                           r"(?:可以|能不能|可不可以|能|得行)(?:给你们|跟你们|给你)?(?:发|拍|传)(?:个|张|几张)?(?:照片|图片|相片|图)|"
                           r"(?:发|传)(?:个|张|几张)?(?:照片|图片|相片)(?:可以|行|得行|能)?(?:不|吗|嘛|不嘛|没得)[?？]?$")
# Sending a video (blind test 31, B89b: "可以发视频不" got the menu): no channel takes one, photos instead.
_HOW_TO_VIDEO = re.compile(r"(?:发|传|拍|录|上传)(?:个|段|条|一段|一个)?(?:小)?(?:视频|录像)|"
                           r"(?:视频|录像)[^，,。]{0,4}(?:发|传|收)")
# Sending a voice message or a location (blind test 8, #124: "我不会打字 可以发语音不", "咋个给你们发位置").
_HOW_TO_VOICE = re.compile(r"(?:发|用|说|录)(?:个|段|条)?语音|语音(?:可以|行|得行|能)|不会打字|打不来字|不会写字|"
                           # 可以给你们打电话不, 能不能打电话, 可不可以说话 (blind test 23, #6): calling is answered
                           r"字打不来|打字打不来|(?:能不能|可不可以|可以|能|得行)(?:给你们|跟你们|给你)?(?:打个?电话|说话)|"
                           r"(?:打个?电话|说话)(?:可以|行|得行|能)?(?:不|吗|嘛|不嘛)[?？]?$")
_HOW_TO_LOCATION = re.compile(r"(?:咋个|怎么|怎样|如何|咋)\s*(?:给你们|跟你们|给你)?\s*(?:发|共享|分享|传)\s*"
                              r"(?:个)?(?:位置|定位)|位置(?:咋个|怎么|咋)(?:发|弄|传)")

SHORT_ABUSE_CHARS = 20  # abuse with nothing else in it is short


# A charging cabinet, pile or shed out of order is a public facility's (道路设施), not fire safety: the classifier
# files everything 充电 under 消防安全 (blind test 9, #61: "充电柜那个是坏的 扫不开"), unless it burns or smokes.
_CHARGER = re.compile(r"充电柜|换电柜|充电桩|充电棚|充电站|充电口|充电插座")
_OUT_OF_ORDER = re.compile(r"坏|扫不开|扫不了|扫码没|用不了|不能用|充不进|充不上|没反应|打不开|开不了|故障|不通电|失灵")
_BURNS = re.compile(r"火|烟|烧|爆|焦|发烫|漏电|电到人")


def facility_category(category: str, text: str) -> str:
    """The category of a report: a broken charging cabinet or pile is 道路设施 (public facilities) when the
    classifier said 消防安全 or 其他 and nothing burns; a lift out of order (电体不动了) is 房屋水电气; help at home
    asked for by someone who cannot manage (帮我买菜, 腿脚不方便) is 养老助残 (bot/core/help_requests.py); otherwise
    the classifier's."""
    plain = _plain(text)
    if help_requests.asks_for_help(plain):
        return help_requests.CATEGORY
    if person_danger.lift_out_of_order(plain) and category in ("health", "other", "public_security", "fire_safety"):
        return "housing_utilities"  # 电体不动了 (blind test 31, B26b): the lift, never 医疗健康 for its 不动
    if category in ("fire_safety", "other") and _CHARGER.search(plain) and _OUT_OF_ORDER.search(plain) \
            and not _BURNS.search(plain):
        return "roads"
    return category


def has_danger(text: str) -> bool:
    plain = danger_signs.without_denied(problem_context.without_wont_light(_plain(text)))
    if may_be_down(plain) or lift_with_people(plain) or missing_person(plain) or danger_signs.fight(plain) \
            or (danger_signs.lying_out(plain) and not nuisances.sleeping_rough(plain)) \
            or danger_signs.suspected_gas_leak(plain) \
            or danger_signs.about_to_end_life(plain) or danger_signs.in_water(plain) or danger_signs.mauled(plain) \
            or danger_signs.shut_in_car(plain) or danger_signs.arson(plain) or danger_signs.child_beaten(plain) \
            or danger_signs.thing_burning(plain) or danger_signs.in_labour(plain):
        return True  # a swear word never cancels a fight (blind test 26): abuse is checked only after this
    # 里面没人 电梯不动了: a lift standing still is nobody lying still (人.{0,6}不动了, blind test 31, B26b)
    found = {m.group(0) for m in _DANGER.finditer(person_danger.without_still_machine(plain))}
    if not found or (found <= {"倒起了"} and thing_fell(plain)):
        return False
    if (nuisances.stove_smoke(plain) or nuisances.chronic_burning(plain)) and all("烟" in word for word in found):
        return False  # 楼道烧蜂窝煤 烟子大得很 (blind test 33, A46 was told 110): the stove's fumes, a report
    if _GONE.search(plain) and all(re.fullmatch(INTRUDER, word) for word in found):
        return False  # 有人从阳台爬进来偷东西了 人跑了: a break-in over, the police's report, no emergency
    if danger_signs.minor_bite(plain) and all("血" in word for word in found):
        return False  # 被狗咬了一口 流血了 (blind test 27, B71): the rabies jab, no emergency
    if nobody_hurt(plain) and {m.group(0) for m in _DANGER.finditer(without_nobody(plain))} <= _DOWN_ONLY:
        return False  # 围墙垮了一截 还好没得人, 没砸到人 (blind test 24, A5): a report, nobody in danger
    if _only_a_way_collapsed(plain):
        return False
    return "救命" in plain or _ONLY_A_RISK.search(plain) is None


def _only_a_way_collapsed(plain: str) -> bool:
    """The only danger word is a collapse, of a road, a bridge or a bank, with no person or home in it."""
    rest = _COLLAPSE.sub(" ", plain)
    return (_COLLAPSE.search(plain) is not None and _DANGER.search(rest) is None and _WAY.search(plain) is not None
            and _PEOPLE_OR_HOME.search(plain) is None)


def same_danger(text: str, other: str) -> bool:
    """Whether `text` names a danger `other` names too (煤气味 twice), 救命 aside: 水哗哗的往屋头灌 after a gas
    report is another emergency."""
    mine = {m.group(0) for m in _DANGER.finditer(_plain(text))} - {"救命"}
    theirs = _plain(other)
    return any(word in theirs for word in mine)


def danger_with(said: str, more: str) -> bool:
    """Whether a report's words with what followed name a danger neither names alone ("电梯卡主了" then "里头有人
    我孙孙在里头": someone shut in the lift, blind test 24, B91). A bite that bled, told, was answered with what to do:
    where it happened (我在安居苑 在屋头) makes it no emergency (blind test 33, A9 was told 120, the duty alerted)."""
    if danger_signs.minor_bite(_plain(said)) and not has_danger(more):
        return False
    return not has_danger(said) and not has_danger(more) and has_danger(f"{said} {more}")


def is_abuse(text: str) -> bool:
    return _ABUSE.search(_plain(text)) is not None


def asks_despite_problem(text: str) -> bool:
    """我老汉儿糖尿病 有没得补助, 厨房灯泡坏了 咋个换嘛: asked, never reported (bot/core/question_kinds.py)."""
    return question_kinds.despite_problem(_plain(text)) and not has_danger(text)


def has_problem(text: str) -> bool:
    plain = _plain(text)  # 歪起了, 停了两天了 count too unless asked about (bot/core/problem_context.py)
    return _PROBLEM.search(plain) is not None or has_danger(text) or problem_context.problem_in_context(plain) \
        or help_requests.asks_for_help(plain) \
        or angry_words.left_unattended(plain) or question_kinds.asks_for_a_fix(plain) \
        or person_danger.lift_out_of_order(plain) \
        or nuisances.sleeping_rough(plain) or nuisances.dumped(plain) or problem_context.overgrown(plain) \
        or nuisances.din(plain)
    # 电体不动了 (blind test 31, B26b): a lift to fix; 流浪汉睡在门口 好冷: someone to look after, 有人开车来倒垃圾:
    # someone dumping (blind test 32, B89, B103); 树枝伸到我家阳台了: a tree grown into a home (B151)
    # 腿脚不方便 能不能有人帮我买菜: a request for the worker (B102); 安居苑路灯 到底有没有人管: a thing left
    # unattended, 能不能装个监控: a thing for everyone asked for (blind test 28, B-H7b, B87, B81-2);
    # 广场舞音响开得好大声 十点了还在跳: a din at night (blind test 35, E4n)


# Standing down: 算了 不报了, it is fixed (blind test 8, #150: "算了 不报了 我喊儿子拿螺丝刀拧紧了" raised 110).
# 电瓶车找到了 不用管了, 不是报警 (blind test 31, R17b was told 110): found, nobody needed, never an emergency.
_STAND_DOWN = re.compile(r"不报了|不用报|不用来|不用了|算了|已经弄好了|弄好了|修好了|拧紧了|搞定了|没事了|搞错了|"
                         r"找到了|找回来了|不用(?:你们)?管了|不是报警|不是要报警")
# A tool at work is no weapon (螺丝刀 拧紧, 扳手 修).
_TOOL_AT_WORK = re.compile(r"(?:螺丝刀|起子|扳手|钳子|锤子|剪刀).{0,6}(?:拧|修|弄|装|紧|敲|钉|剪|搞)")
STOOD_DOWN = "好的，不报了。以后有事随时发消息。"


def stands_down(text: str) -> bool:
    """Whether a message takes a report back or says it is fixed, naming no danger."""
    plain = _plain(text)
    return _STAND_DOWN.search(plain) is not None and not has_danger(plain)


def is_emergency(text: str, classified_as_emergency: bool) -> bool:
    """Danger words make an emergency; abuse, water, a tool at work, standing down or a thing fallen with nobody
    hurt (招牌掉下来了 莫得人遭) without them never does; otherwise the classifier's word."""
    plain = _plain(text)
    if made_up(plain):
        return False  # 报个假的 火星上着火了 (blind test 25): a joke, no emergency
    if has_danger(text) or fell_from_height(plain):
        return True
    if danger_signs.denies_danger(plain) or danger_signs.fumes(plain) or nuisances.no_emergency(plain):
        return False  # 我是投诉油烟 不是着火了 (blind test 30, B112): a complaint, never a second emergency
    if only_an_animal(plain) or problem_context.wont_light(plain) or danger_signs.only_minor_hurt(plain) \
            or danger_signs.minor_bite(plain) or problem_context.meter_fault(plain) \
            or danger_signs.trees_cut(plain) or problem_context.cover_out(plain):  # 燃气表不走字了 (bt 30, B122);
        # 树遭砍了: trees (bt 34, Q8); 井盖翻起来了: a cover out of place, nobody hurt (bt 35, B131)
        return False  # 屋头的猫从五楼掉下去了: a pet; 燃气灶打不燃火了: a fault, never a fire (blind test 25); 擦破了皮
        # 没得大事: a scrape, no big deal (blind test 26)
    if is_abuse(plain) or person_danger.lift_trouble_of_the_past(plain) or person_danger.lift_out_of_order(plain) \
            or _only_a_way_collapsed(plain) \
            or _WATER.search(plain) or _TOOL_AT_WORK.search(plain) or _STAND_DOWN.search(plain) \
            or _STATE_ASPECT.search(plain) or thing_fell(plain) or nobody_hurt(plain):
        return False
    return classified_as_emergency


def abuse_only(text: str) -> bool:
    """An insult with no problem in it (傻逼, 滚, 你们这些废物): answered calmly, never filed."""
    plain = _plain(text)
    rest = _ABUSE.sub(" ", plain)
    return is_abuse(plain) and not has_problem(rest) and len(plain) <= SHORT_ABUSE_CHARS


CALM_REPLY = "您别急，我们在听。遇到什么困难请直接说，比如“路灯坏了”，会尽快帮您。"


def asks_someones_number(text: str) -> bool:
    """Whether a message asks for someone's number other than the sender's grid worker's (李婆婆家的电话号码),
    whatever else it says: never given out."""
    plain = _plain(text)
    return _SOMEONE.search(plain) is not None and _CONTACT.search(plain) is None


def information_request(text: str) -> str | None:
    """What a message asks to know, when it reports no problem: "board" (公告, 村口黑板), "contact"
    (my grid worker's number), "someone_contact" (anyone else's number), "how_to_vote", "how_to_photo",
    "how_to_video", "how_to_voice", "how_to_location", or
    "question" (anything else asked,
    for the knowledge base). None for a report."""
    plain = _plain(text)
    if not plain or (has_problem(plain) and not asks_despite_problem(plain)):
        return None
    if _BOARD.search(plain) and len(plain) <= 20:
        return "board"
    if (_CONTACT.search(plain) and not _NOT_CALLED.search(plain)) \
            or (_WHOM.search(plain) and not _NO_MATTER.sub("", _WHOM.sub("", plain))):
        return "contact"
    if _SOMEONE.search(plain):
        return "someone_contact"
    if _HOW_TO_VOTE.search(plain):
        return "how_to_vote"
    if _HOW_TO_PHOTO.search(plain):
        return "how_to_photo"
    if _HOW_TO_VIDEO.search(plain):
        return "how_to_video"
    if _HOW_TO_VOICE.search(plain):
        return "how_to_voice"
    if _HOW_TO_LOCATION.search(plain):
        return "how_to_location"
    if _QUESTION.search(_WHO_DID_IT.sub(" ", plain)) or asks_despite_problem(plain) \
            or question_kinds.offers_help(plain):  # 我刚退休 想给社区出点力 (blind test 32, A50)
        return "question"
    return None
