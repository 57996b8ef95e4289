//! The cleaning rules of one import, compiled once from `[import]`: the
//! configured line patterns and the built-in rules for the debris of real
//! news pages (advertising slugs, newsletter and cookie notices, captions
//! and photo credits, copyright and syndication lines, media widgets).
//!
//! Every built-in rule matches a whole line (trimmed, ignoring case) and has
//! a name, shown by `import --explain` and accepted by
//! `import.disabled_rules`. The rules are written so that a sentence of an
//! article never matches: each either is a line no article has (`Story
//! continues below advertisement`), or starts with the words of a widget
//! and is short.

use std::sync::LazyLock;

use jiff::civil;

use super::pattern::{LinePattern, PatternSet};
use super::repeats::Repeats;
use crate::config::ImportConfig;

/// The longest line the built-in line rules look at: debris is short, and
/// long lines are read by no rule (which keeps the import fast).
pub const MAX_RULE_LINE: usize = 400;

/// Lines longer than this are debris only when they say one of
/// [`LONG_DEBRIS`]'s words: most such lines are the article's sentences,
/// and the whole rule set is far dearer than this one check.
pub const SHORT_LINE: usize = 160;

/// Words without which a long line is no debris: what long notices,
/// appeals, captions and syndication notes say.
static LONG_DEBRIS: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::RegexBuilder::new(
        r"subscri|newsletter|inbox|cookie|browser|javascript|copyright|©|rights reserved|advertis|journalism|donat|contribution|edited by|syndicat|wire agency|agency feed|views expressed|necessarily|affiliate|(?:earn|receive|get) (?:a )?(?:small )?commission|funding|version of this|appears in print|twitter|instagram|facebook|youtube|tiktok|embed|privacy|(?-u:\b)app(?-u:\b)|e-?mail|@|https?:|www\.|click|tap here|sign in|sign up|log in|register|account|free articles|free trial|(?:get|start) (?:your )?trial|unlimited|podcast|getty|photo|image|picture|credit|courtesy|reuters|(?-u:\b)ap(?-u:\b)|afp|epa|provided by|contains content|reach|contact|comment|disclaimer|standards|regulated|partner|sponsor|notification|loading|refresh|reading|read more|(?-u:\b)ads?(?-u:\b)|\(|\[|\{|;",
    )
    .case_insensitive(true)
    .build()
    .expect("a valid regular expression")
});

/// True when `line` may be debris for the built-in line rules: short, or
/// saying a word that long debris says.
pub fn may_be_debris(line: &str) -> bool {
    line.len() <= SHORT_LINE || (line.len() <= MAX_RULE_LINE && LONG_DEBRIS.is_match(line))
}

/// Built-in rules that remove a line: (name, regular expression).
const REMOVE: &[(&str, &str)] = &[
    // Advertising slugs and "continue reading" breaks.
    (
        "advertisement",
        r"[-–—_*=·•|\[(\s]*(?:advertisement|advertisements|advertisment|advert|adverts|ad|ads|sponsored|sponsored content|sponsored post|sponsored links?|sponsored stories|paid content|paid post|paid partnership|paid partner content|partner content|promoted|promoted content|promoted links?|promoted stories|ad feedback|ad choices|adchoices|skip advertisement|skip ad|close ad|report (?:this )?ad|remove ads|hide ads|ad-free|advertise with us|advertise here|advertising|story ad|mid-article ad|in-article ad|anzeige|werbung|publicité|publicidad|pubblicità|reklam|reklama|reklame|advertentie|annonce|annonse|annons|annoncer|mainos|publicidade|anuncio|anúncio|iklan|iklan bersponsor|hirdetés|διαφήμιση|реклама|реклама и продвижение|विज्ञापन|広告|광고|广告|廣告|إعلان|פרסומת|โฆษณา|quảng cáo|advertorial|hide ad|hide ads|ads by [^.]{1,30}|ad by [^.]{1,30}|ads? (?:not|isn't|isn’t) loading\??|this advertisement has not loaded yet.*|(?:the )?ad (?:will|may) (?:close|load|play)\b.*)[-–—_*=·•|:)\]\s]*",
    ),
    (
        "advertisement",
        r"[-–—(\[\s]*(?:the )?(?:story|article|content|text|report|post|page|reading) continues(?: (?:below|after|under|on the next page|on next page|after (?:the )?(?:ad|advertisement|break)))?(?: (?:the|this))?(?: (?:advertisement|advert|ad|ads|sponsored content|video|image|photo|gallery))?[.…:)\]\s-]*",
    ),
    (
        "advertisement",
        r"(?:advertisement|ad)?\s*[-–—·|:]?\s*(?:continue reading(?: (?:below|the main story|after (?:the )?(?:ad|advertisement)|(?:the )?(?:full )?(?:story|article)))?|scroll (?:down )?to continue(?: (?:reading|with content))?|scroll down for (?:more|video)|keep scrolling.*)[.…:\s]*",
    ),
    (
        "advertisement",
        r"(?:presented by|brought to you by|in partnership with|this (?:content|article|story|post) (?:is|was) (?:sponsored|paid for|brought to you) by)\s+[^.]+|supported by",
    ),
    // Newsletter, subscription and app prompts.
    (
        "newsletter",
        r"[(\[]?\s*(?:want (?:to get )?this (?:newsletter|briefing)|sign up|signup|subscribe|get)\b.*\b(?:newsletters?|inbox|e-?mail alerts?|alerts|briefings?|bulletin|digest|updates delivered|daily email|weekly email)\b.*",
    ),
    (
        "newsletter",
        r"[(\[]?\s*(?:sign up(?: now| here| today| for free)?|subscribe(?: now| here| today| for free)?|newsletters?|get (?:our|the) newsletter|free newsletter|email newsletter|(?:already|not) a (?:subscriber|member)\?.*|subscribe to (?:continue|keep) reading.*|subscribe (?:to|for) (?:unlimited|full|digital) access.*|(?:thanks?|thank you) for (?:signing up|subscribing|registering).*|you(?:'re|’re| are) (?:now )?(?:subscribed|signed up|all set).*|enter your e-?mail(?: address)?.*|(?:your )?e-?mail address|invalid e-?mail.*|by (?:signing up|subscribing|clicking|entering your e-?mail|registering)\b.*\b(?:privacy|terms|policy|agree|consent)\b.*|this (?:article|story|content) is (?:for|only available to|exclusive to|reserved for) (?:subscribers|members|premium).*|(?:become|are you) a (?:subscriber|member).*|(?:support|fund) (?:our|independent|quality|local) journalism.*|(?:unlock|get) (?:unlimited|full|digital) access.*)[.!)\]\s]*",
    ),
    (
        "follow",
        r"[(\[]?\s*(?:(?:follow|connect with)\s+(?:us|@?[\w.'’-]+(?:\s+[\w.'’-]+){0,3})|(?:like|find|join|watch|subscribe to|read) us)\s+on\s+(?:twitter|x|facebook|instagram|tiktok|threads|bluesky|linkedin|youtube|mastodon|google news|whatsapp|telegram|snapchat)\b.*",
    ),
    (
        "follow",
        r"[(\[]?\s*(?:(?:download|get|install) (?:the|our) (?:free )?.*\bapps?\b.*|(?:join|follow) (?:our|the) (?:whatsapp|telegram) (?:channel|group|community).*|(?:turn on|enable|allow) (?:push |breaking news )?notifications.*|(?:click|tap) here\b[^,:;]*|(?:got|have) a (?:news )?tip\?.*|send us (?:a|your) (?:tip|story|news tip).*|(?:report|spotted) (?:a|an) (?:typo|error|mistake)\??.*|(?:corrections?|ethics) (?:policy|statement).*)[.!)\]\s]*",
    ),
    // Cookie, consent and browser notices.
    (
        "cookie-notice",
        r".*\b(?:we|this (?:site|website)|our (?:site|website|partners)|[\w.-]+\.(?:com|org|net|co\.uk))\b.*\b(?:uses?|sets?|stores?|places?|serves?) (?:cookies|cookie|tracking technologies)\b.*|by (?:continuing|using|browsing)(?: to (?:use|browse))? (?:this|our) (?:site|website).*",
    ),
    (
        "cookie-notice",
        r"(?:accept|reject|allow|manage|customi[sz]e|decline|refuse)(?: all)?(?: cookies| preferences| settings| choices| options)?|(?:cookie|privacy|consent) (?:settings|preferences|policy|notice|choices)|(?:do not|don't|don’t) sell or share my personal information|do not sell my (?:personal )?info(?:rmation)?|your privacy choices|i (?:accept|agree)|i do not agree|agree|disagree|more options|(?:show|hide) (?:details|purposes|vendors)|ok(?:ay)?|got it|agree and (?:close|continue)|continue without (?:accepting|agreeing)",
    ),
    (
        "browser-notice",
        r".*\byour (?:web )?browser (?:is|does not|doesn't|doesn’t|isn't|isn’t|may not|appears|seems|version)\b.*|.*\b(?:unsupported|outdated|out-of-date) browser\b.*|.*\bbrowser (?:not supported|unsupported|is out of date)\b.*",
    ),
    (
        "browser-notice",
        r".*\b(?:internet explorer|ie ?11|ie ?10|microsoft edge|chrome|firefox|safari)\b.*\b(?:not compatible|no longer supported|not supported|unsupported|for the best experience|please (?:visit|access|use|update|upgrade|switch))\b.*|.*\bfor the best (?:viewing |browsing |reading )?experience\b.*\b(?:browser|upgrade|update|visit|app|enable|please)\b.*",
    ),
    (
        "browser-notice",
        r"(?:please )?(?:enable|turn on|activate|allow) javascript.*|.*\bjavascript (?:is |must be |needs to be )?(?:required|disabled|enabled|turned off)\b.*|you need to enable javascript.*|to (?:view|watch|play|see) this (?:video|content|media)s?,? (?:please )?(?:enable|turn on|upgrade|update|consider).*|(?:please )?(?:update|upgrade) (?:your|to a (?:newer|modern|supported)) (?:web )?browser.*|(?:we(?:'ve|’ve| have)? (?:noticed|detected)|it (?:looks|seems) like) (?:that )?you(?:'re|’re| are)? (?:using|have) an? ad[- ]?blocker.*|ad[- ]?blocker (?:detected|enabled).*|(?:please )?(?:disable|turn off|whitelist) (?:your )?ad[- ]?blocker.*",
    ),
    (
        "browser-notice",
        r"(?:your browser does not support (?:the )?(?:video|audio|iframe|html5)s?(?: tag| element| playback| video)?|(?:this|the) (?:video|content|media|embed|audio|image|post|tweet) (?:is )?(?:not|no longer|currently not|currently un)\s?available.*|video unavailable|(?:this|the) (?:video|media|content|audio) (?:can ?not|could not|can't|can’t) be (?:played|loaded|displayed|shown).*|(?:sorry, )?(?:this|the) (?:video|media|audio) (?:is )?(?:not|un)available.*|loading(?:\.\.\.|…)?|please wait(?:\.\.\.|…)?|(?:an error (?:has )?occurred|something went wrong|oops)[,.!]*\s*(?:please )?(?:try again|refresh|reload).*|(?:oops|sorry),? something went wrong.*|(?:refresh|reload) (?:the|this) page.*)[.!\s]*",
    ),
    // Media players, galleries, listen widgets.
    (
        "media",
        r"[(\[]?\s*(?:play|pause|mute|unmute|fullscreen|full screen|exit full ?screen|close|replay|expand|collapse|next|previous|prev|back|skip|toggle caption|hide caption|show caption|caption|captions|enlarge this image|enlarge|view image|view larger image|view gallery|open gallery|view slideshow|launch gallery|see all photos|view all photos|click to expand|click to enlarge|tap to expand|now playing|up next|autoplay|autoplay:? (?:on|off)|transcript|show transcript|live|watch live|live now|watch now|listen now|play video|play now|watch video|watch the video|watch:|video:|listen|listen to (?:this|the) (?:article|story|podcast|episode).*|listen to article|listen to story|\d+ of \d+|(?:image|photo|picture|slide) \d+ (?:of|/) \d+|\d{1,2}:\d{2}(?::\d{2})?|duration:? \d{1,2}:\d{2}.*|\d+ (?:photos|images|videos|pictures)|\d+\s?(?:min|mins|minute|minutes)\.? (?:read|listen|watch)|reading time:? (?:about |approx\.? )?\d.*|(?:listen|read)\s*[·•|-]?\s*\d+:\d{2}.*|\d+:\d{2}\s*(?:min|mins)?.*|voiced by .*|(?:this )?audio (?:is |was )?(?:auto-?generated|generated|produced|read) .*|(?:media|video) caption,? .*|video (?:player )?is loading.*|press play to .*|video ad feedback|(?:click|tap) (?:to|here to) (?:play|watch|listen).*|(?:watch|view|see) (?:the )?(?:full )?(?:video|gallery|photos|slideshow)(?: here| below| above)?)[.:…)\]\s]*",
    ),
    // Photo captions and credits.
    (
        "caption",
        r"(?:caption|image caption|photo caption|picture caption|pictured|image source|picture source|image copyright|picture copyright|photo copyright|photo credit|image credit|picture credit|video credit|credit|credits|file photo|file image|file picture|handout photo|main image|top image|lead image|featured image|header image)\s*:\s*.+|(?:image source|image caption|media caption|video caption|image copyright|picture source|picture caption)\s*,\s*.+|(?:image|images|photo|photos|photograph|picture|pic|illustration|graphic|video|footage)\s*:\s*.*\b(?:getty|reuters|ap|afp|epa|efe|shutterstock|alamy|istock|istockphoto|pa|handout|supplied|courtesy|file|pool|via|bloomberg|xinhua|anadolu|sipa|zuma|nurphoto|bbc|cnn|press|images|agency|wire|unsplash|pexels|wikimedia|flickr|facebook|twitter|instagram|x)\b.*|(?:image|images|photo|photos|photograph|picture|pic)\s*:\s*[^:]*/.*",
    ),
    (
        "caption",
        r"(?:image|picture|photo|media|video) (?:copyright|source|caption)\b.*|file(?: photo)?\s*[-–—]\s+.+|file photo\s*:\s*.+|(?:in )?this (?:undated |handout |file |aerial |video |combination |screen ?grab |frame ?grab )?(?:photo|image|picture|photograph|frame grab|screengrab|screen grab|still|video still|combination photo) (?:taken|provided|released|made|shared|obtained|posted|dated|courtesy)\b.*",
    ),
    (
        "photo-credit",
        r".*\(\s*(?:[^()]*\b(?:ap photo|afp photo|reuters photo|epa photo|upi photo|photo by|photos by|photograph by|image by|picture by|getty|getty images|shutterstock|istock|alamy|courtesy of|handout|via getty images|pool photo|file photo)\b[^()]*|(?:ap|afp|reuters|epa|epa-efe|upi|xinhua|ani|pti|bloomberg|pool|handout|[^()/]*\bphoto)\s*/[^()]+)\)",
    ),
    (
        "photo-credit",
        r"(?:photo(?:graph)?:?\s*|credit:?\s*|image:?\s*|\(?)?(?:(?:the )?associated press|ap|afp|reuters|getty images|getty|epa|epa-efe|pa|pa media|pa wire|pa images|ani|pti|ians|xinhua|bloomberg|shutterstock|istock|istockphoto|alamy|ap photo|afp photo|reuters photo|handout|pool|supplied|courtesy|file|sipa|zuma|zuma press|abaca|anadolu|anadolu agency|nurphoto|sopa images|lightrocket|wireimage|filmmagic|bbc|cnn|nbc|cbs|abc|fox news|sky news|dpa|kyodo|yonhap|tass|ria novosti|imago|afp via getty images|ap via getty images|reuters via getty images)(?:\s*(?:/|via|\|)\s*[\w .'’-]+){0,3}\)?",
    ),
    (
        "photo-credit",
        r"(?:photo(?:graph)?:?\s*|credit:?\s*|image:?\s*|photo by\s*|image by\s*)?(?-i:\p{Lu})[\w.'’-]*(?:\s(?-i:\p{Lu})[\w.'’-]*){0,3}\s*(?:/|for|via|\|)\s*(?:the )?(?:associated press|ap|ap photo|afp|afp via getty images|getty images|getty|reuters|epa|epa-efe|bloomberg|bloomberg via getty images|the new york times|new york times|the washington post|washington post|redux|shutterstock|alamy|pa|pa wire|pa media|xinhua|anadolu|sipa|zuma|nurphoto|sopa images|lightrocket|wireimage|cnn|bbc|npr|the guardian|the observer|the times|the telegraph|the independent|eyevine|rex|rex features|polaris|ddp|dpa|picture alliance|imago|aap|aap image|efe|kyodo|yonhap|tass)(?:\s*(?:/|via)\s*[\w .'’-]+)*",
    ),
    (
        "photo-credit",
        r"(?:photo|photograph|image|picture|illustration) (?:by|courtesy of|credit)\b.+|.+\b(?:getty images|shutterstock|istockphoto|alamy stock photo|ap photo|afp via getty images|reuters/[\w .'’-]+)",
    ),
    // Copyright and wire-service boilerplate.
    (
        "copyright",
        r"[(\[]?\s*(?:copyright\s*)?(?:©|\(c\))\s*.*|[(\[]?\s*copyright\s+(?:©\s*)?\d{4}.*|copyright\s+[\w.'’&-]+(?:\s[\w.'’&-]+){0,4}\s*\d{4}.*|.*\ball rights reserved\b.*|.*this material may not be (?:published|broadcast|rewritten|redistributed).*|(?:our standards:?\s*)?the thomson reuters trust principles\.?.*|our standards:.*",
    ),
    (
        "copyright",
        r".*\bap is solely responsible for all content\b.*|find ap(?:'s|’s|’) standards .*|.*\b(?:associated press|ap)(?:'s|’s|’)? .*coverage receives (?:financial )?support from .*|follow ap(?:'s|’s|’) coverage .*|(?:find|read|see) (?:more of )?ap(?:'s|’s|’) (?:full )?coverage .*|(?:ap|associated press)(?:'s|’s|’) (?:earlier|original) story (?:follows|is) below\.?",
    ),
    // Teaser lines inside the body: `Related: Headline`, `READ MORE: Headline`.
    (
        "inline-teaser",
        r"[(\[]?\s*(?:related|related story|related stories|related article|related articles|related content|related coverage|related news|related video|read more|read|read also|also read|read next|more|more on this|see also|also see|also|recommended|recommended reading|trending|don't miss|don’t miss|must read|must watch|go deeper|dig deeper|watch|video|listen|audio|photos|gallery|slideshow|podcast|explore more|top stories|breaking|latest|editor's pick|editor’s pick|sponsored|promoted|you may like|you might like|you may also like|you might also like|more from [\w .'’&-]+|more news|more stories|keep reading)\s*(?::|\||»|›|>|→|-|–|—)\s*.{2,}[^.]",
    ),
    // Teasers led by an arrow or a label: `» Headline`, `>> Headline`, `Opinion | Headline`.
    (
        "inline-teaser",
        r"(?:[»›→▶►▸⇒➤➜➔❯]|>>)\s*[^.]{4,}[^.]|(?:live updates|live|trending now|related article|related articles|related coverage|related reading|related links|top story|top stories|popular|most read|just in|further reading|more coverage|suggested reading|suggested|in other news|must read|also on [^:|]{1,30}|opinion|analysis|explainer|editorial|watch now|listen now|exclusive|breaking news|developing|from the archive|archive|previously|earlier|catch up|in case you missed it|icymi)\s*(?:\||:|»|›|>|→|-|–|—)\s*[^.]{4,}[^.]",
    ),
    // Page furniture: tags, print and text size, gift and comment prompts.
    (
        "furniture",
        r"(?:tags|topics|filed under|categories|category|posted in|more about|keywords)\s*:\s*.+|(?:print|email|e-mail|share|save|gift|send) this (?:article|story|page|post)|print|text size|font size|a a a|aa|(?:show|see|load|view|read) (?:more|less|all)|ad ?choices|(?:sponsored|paid for) by\s+[^.]+|.*\bgift articles?\b.*|send any friend a story|give this article|(?:sign|log) in to (?:comment|reply|continue|read|save|post|join).*|you must be (?:logged|signed) in.*|(?:do you have|have you got) a (?:story|tip)\b.*|contact (?:the )?(?:author|reporter|writer|newsroom)\b.*|subscribe to (?:our|the) .*\b(?:channel|podcast|youtube|feed)\b.*|read (?:the )?(?:full|whole|complete|original|rest of the) (?:story|article|report|interview)\b.*|(?:read|continue reading) (?:more )?(?:at|on) [\w.-]+\.[a-z]{2,}.*|breaking(?: news)?|featured video|top videos?|watch next|image|photo|video|audio|about us|about|contact us|contact|terms of use|terms of service|terms and conditions|careers|jobs|work (?:for|with) us|sitemap|site map|accessibility|help|faq|faqs|corrections|masthead|staff directory|rss|rss feeds?|archives?",
    ),
    // Reader comments: counts, prompts, closed threads, comment forms.
    (
        "comments",
        r"[(\[]?\s*(?:(?:\d+\s+)?comments?(?:\s*\(\d+\))?|(?:add|post|leave|write|submit|view|show|hide|read|see|load|open|close|sort|jump to|go to|skip to)(?: (?:a|your|the|all|more|our|\d+))?(?: (?:new|reader|readers'?|readers’))? (?:comments?|reply|replies|responses?|conversation|discussion)(?:\s*\(\d+\))?|comments? (?:are|have been|is|section is) (?:now )?(?:closed|disabled|turned off|off|unavailable|not available|open)(?: (?:for|on) this (?:article|story|post|page))?|commenting (?:is|has been) (?:now )?(?:closed|disabled|turned off|unavailable|not available|not enabled)(?: (?:for|on) this (?:article|story|post|page))?|be the first to (?:comment|reply|respond|review)\b.*|(?:join|start) the (?:conversation|discussion|debate)|leave a (?:reply|comment)(?: cancel reply)?|cancel reply|your email address will not be published\b.*|required fields are marked\b.*|(?:read|view|see) (?:our )?(?:community|comment|commenting|conversation) (?:guidelines|rules|policy|standards)\b.*|(?:community|commenting) (?:guidelines|rules)|(?:sign|log) in (?:or (?:register|sign up) )?to (?:comment|reply|join the (?:conversation|discussion))\b.*|notify me of (?:follow-up comments|new posts|new comments)\b.*|(?:comments?|replies|reactions|likes) \d+|\d+ (?:replies|reactions|likes|people (?:reacted|commented))|what do you think\?(?: (?:leave|share|tell|let)\b.*)?|(?:have your say|tell us what you think|let us know (?:what you think )?in the comments)\b.*|comment (?:guidelines|policy|rules)|(?:comments|discussion) (?:powered|provided) by\b.*|no comments(?: yet)?\.?(?: be the first\b.*)?|(?:there are )?no comments (?:yet|on this (?:article|story|post))\b.*|(?:show|load|view) (?:more|all|\d+) (?:comments|replies)|\d+ (?:comments?|replies))[.!:…)\]\s]*",
    ),
    // Contact lines: how to reach the newsroom or the author.
    (
        "contact",
        r"(?:(?:got|have|do you have) (?:a|any) (?:news )?(?:story|tip|question|questions|feedback|comment|comments|news tip|story idea)\b.*|(?:e-?mail|contact|reach|write to|send|tips?|feedback|questions|follow|twitter|phone|tel|call|whatsapp|message)\b.*[\w.+-]+@[\w-]+(?:\.[\w-]+)+.*|(?-i:\p{Lu})\S+(?: \S+){0,3} (?:can|may) be (?:reached|contacted|emailed) (?:at|on|via|by) .*|(?:e-?mail|contact|reach|write to) (?:the )?(?:author|reporter|writer|newsroom|editor|editors|our newsroom|the desk)\b.*|(?:e-?mail|twitter|x|instagram|facebook|threads|bluesky|tel|telephone|phone|mobile|whatsapp|signal)\s*:\s*[@+\w][\w.+@ -]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?-i:\p{Lu})\S+(?: \S+){0,5} at [\w.+-]+@[\w-]+(?:\.[\w-]+)+.*|@[\w.]+(?:\s*[|/•·,]\s*(?:@[\w.]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+))+)[.!\s]*",
    ),
    // Social posts embedded in the page, as their text is scraped.
    (
        "embed",
        r"(?:skip|end of) (?:\S+ ){0,2}(?:post|posts|content|video|tweet|embed)\b.*|allow (?:\S+ ){0,3}(?:content|cookies)\?|this (?:article|page|story) contains content (?:provided by|from)\b.*|(?:accept|allow) and continue|view (?:this |more on |the full )?(?:post |video |photo )?on (?:instagram|twitter|x|facebook|tiktok|youtube|threads|bluesky|linkedin)|watch on (?:youtube|vimeo|tiktok|facebook|instagram|x)|a post shared by\b.*|(?:twitter|x|instagram|youtube|tiktok|facebook|threads|bluesky) (?:ad content|content|video|post|embed)|.*\bpic\.twitter\.com/\S+.*|[-—–]\s*[^()]+\(@\w+\)\s*(?:on )?(?:\w+\.? \d{1,2},? \d{4}|\d{1,2} \w+ \d{4})\b.*|.*\(@\w+\)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d{1,2},? \d{4}|(?:load|loading) (?:\w+ )?(?:tweet|post|embed|content)(?:\.\.\.|…)?|(?:tweet|post|video|image) (?:may have been )?(?:deleted|unavailable|removed)|view this post on (?:instagram|facebook|tiktok|threads|x|twitter)|♬.*|(?:this|the) (?:content|embed|video|post) is (?:hosted|provided) by (?:a )?third[- ]part(?:y|ies)\b.*|(?:please )?accept (?:cookies|all cookies|marketing cookies) to (?:view|see|watch|load)\b.*|posted by .{1,60} on (?:\w+day,? )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d{1,2},? \d{4}.*|@[\w.]+",
    ),
    // Paywalls, sign-up walls and appeals for support.
    (
        "paywall",
        r"[(\[]?\s*(?:(?:create|register for|sign up for|open) (?:a|an|your) (?:free )?(?:account|profile)\b.*|(?:log|sign) in (?:or (?:register|subscribe|create an account) )?to (?:continue|keep) reading\b.*|(?:log|sign) in(?: (?:or|/) (?:register|subscribe|sign up))?|continue reading (?:with|for) (?:free|a|an|your|just|only)\b.*|you(?:'ve|’ve| have) (?:reached|hit|used|read|enjoyed) (?:your|the|all (?:of )?your|\d+ of your|all your) (?:limit|maximum|quota|monthly|\d+ free|free|allowance)\b.*|you have \d+ (?:free )?(?:articles?|stories|reads) (?:left|remaining)\b.*|this is your (?:last|final) free (?:article|story)\b.*|(?:already (?:a )?(?:subscriber|member|registered|have an account)|have an account)\??.*|since you(?:'re|’re| are) here\b.*|(?:support|fund|back|help fund|power|protect) (?:our|independent|quality|local|public[- ]interest|trusted|fearless|the|free|nonprofit|non-profit) (?:\S+ ){0,2}(?:journalism|reporting|newsroom|work|press)\b.*|(?:please )?(?:donate|give|contribute|support us)(?: now| today| here)?|(?:make a |one-off |monthly )?(?:donation|contribution)(?: now| today)?|(?:become a|join as a|join us as a) (?:member|supporter|subscriber|patron|friend)\b.*|subscribe (?:now |today )?(?:for|to get|and get|from) (?:unlimited|full|digital|just|only|as little|\$|£|€|\d).*|(?:unlimited|full|digital|premium) access (?:for|from|to)\b.*|(?:get|start) (?:your )?(?:free )?(?:trial|\d+[- ]days? free|\d+[- ]day free trial)\b.*|(?:this|the) (?:article|story|content|piece) is (?:for|available to|only for|exclusive to|reserved for|available only to) (?:subscribers|members|premium|paying)\b.*|(?:🔒\s*)?(?:subscribers?|members?|premium|paid)(?:[- ]only)?(?: content| article| story)?(?: only)?|(?:subscriber|member|premium) (?:exclusive|content|article)|to (?:continue|keep) reading,? (?:please )?(?:subscribe|log in|sign in|register|create)\b.*|(?:cancel|unsubscribe) (?:at )?any ?time\b.*|(?:readers|you) like you (?:make|keep|help)\b.*|(?:already|don't|don’t|do not) have an account\?.*|register (?:for free |now )?to (?:continue|keep) reading\b.*|to (?:continue|keep) reading (?:this (?:article|story)),? (?:you must|please|you need)\b.*|you must be a (?:paid |registered )?(?:subscriber|member)\b.*|(?:premium|exclusive)(?: content| article)?|exclusive to (?:subscribers|members)|subscribe|subscribe now|log in|register|(?:if you value|if you enjoy|if you like|if you appreciate) (?:our|this|the)\b.*\b(?:consider|please|support|donat|subscrib|contribut)\w*.*|.*\b(?:chip in|make a (?:one-time|one-off|monthly|recurring) (?:contribution|donation|gift))\b.*|buy (?:me|us) a coffee.*|(?:local|independent|good|quality) (?:news|journalism) (?:matters|costs money|isn't free|isn’t free|needs your support)\b.*)[.!)\]\s]*",
    ),
    // Editorial standards, trust and correction prompts.
    (
        "standards",
        r"(?:read about our approach to external (?:linking|links|content)\b.*|.*\bis not responsible for the content of external (?:sites|websites|internet sites|links)\b.*|(?:read|see|view) (?:our|the) (?:editorial|ethics|editorial standards|corrections?|standards|fact[- ]checking|accuracy|complaints) (?:guidelines|policy|policies|code|principles|standards|statement|process)\b.*|why you can trust [\w .'’&-]+|(?:report|flag|submit|suggest) (?:an?|a) (?:error|correction|typo|mistake|fix|issue)\b.*|(?:spotted|found|see|notice) (?:an?|a) (?:error|typo|mistake)\b.*|(?:editorial|corrections?|ethics|fact[- ]checking|accuracy) (?:policy|policies|standards|guidelines|code|statement|principles)|(?:our|about our) (?:editorial )?(?:standards|journalism|ethics|process|policies)|(?:the )?trust (?:project|principles|indicators?)|(?:this|the) (?:article|story|content) (?:was|has been) (?:reviewed|fact[- ]checked|checked) (?:by|for|according to)\b.*|(?:learn|read|find out) more about (?:our|how we)\b.*\b(?:standards|journalism|policies|ethics|process|work)\b.*|see something (?:that doesn(?:'|’)t look right|wrong|inaccurate)\?.*|(?:this|the) (?:publication|website|site|newspaper) is regulated by\b.*|(?:regulated by|member of) (?:ipso|the independent press standards organisation|impress|the press council)\b.*)[.!\s]*",
    ),
    // Script and markup leftovers: code that was never text.
    (
        "script",
        r".*\b(?:googletag|adsbygoogle|_taboola|_comscore|_qevents|_gaq|dataLayer|fbq|twttr|gtag|__tcfapi|_sf_async_config|_newsroom)\b.*[;{}()].*|.*\b(?:document|window)\.[\w$]+\b.*[;=(].*|(?:var|let|const) [\w$]+ ?=.*;|function ?\w*\s*\([^)]*\)\s*\{.*|.*\}\)?\(\w*\);?|\}\);?|\{|\}|if ?\(.*\) ?\{.*|\$\(.*\)\..*;|<!--.*|.*-->|/\*.*\*/|//.*(?:cdata|\]\]>).*|@media\b.*\{.*|[.#]?[\w-]+(?:[ .#>:,]+[\w-]+)* ?\{[^}]*:[^}]*\}?",
    ),
    // Privacy and terms notices.
    (
        "cookie-notice",
        r"(?:we(?:'ve|’ve| have)?|this (?:site|website)|our (?:site|website)) (?:recently |just )?(?:updated|changed|revised|made changes to)\b.{0,40}\b(?:privacy|cookie|terms)\b.*|(?:please )?(?:take a moment to )?review (?:our|the|these) (?:updated |new )?(?:privacy|cookie|terms)\b.*|(?:privacy|cookie) (?:notice|statement|banner)\s*:.*|by (?:using|continuing to use|visiting) (?:this|our) (?:site|website|service)s?\b.*|by clicking (?:on )?(?:\x22|“|accept|agree|subscribe|sign up|continue|submit|below|here|i agree)\b.*|(?:manage|review) (?:your )?(?:consent|cookie|privacy|ad) (?:preferences|settings|choices|options)\b.*|(?:we and our partners|we value your privacy|your privacy (?:matters|is important)).*",
    ),
    // Newsletter prompts in their many shapes.
    (
        "newsletter",
        r".*\b(?:sign up|sign-up|subscribe|receive|get|want|enter|join|our|your|free)\b.*\b(?:newsletters?|inbox|briefings?|digest|e-?mail updates|email alerts)\b.*|.*\b(?:newsletters?|inbox)\b.*\b(?:sign up|subscribe|receive|delivered|our|your|you|free|privacy|unsubscribe|charities)\b.*|thanks for reading [^.!]{1,80}[!.]?\s*(?:subscribe|sign up)\b.*|(?:our|the) (?:best|top|biggest|latest) (?:stories|news|reads|headlines),? delivered (?:each|every|to)\b.*",
    ),
    // App prompts.
    (
        "follow",
        r"[(\[]?\s*(?:(?:open|read|continue|view|listen|watch|get|see) (?:this |it )?(?:in|on) (?:the |our )?(?:\S+ ){0,2}app|(?:get|download|install|try) (?:the |our )?(?:free |new |official )?(?:\S+ ){0,3}apps?(?: (?:now|today|here|for free))?|(?:download|install|get) (?:the|our) (?-i:\p{Lu})[^.!?]{0,40}(?-i:App)(?: (?:now|today|for free|here|to get .*))?|catch all the .*\b(?:download|install|get) (?:the|our) .{0,40}\bapp\b.*|(?:read|open|continue|view|see|watch|listen to) this (?:story|article|video|page) (?:in|on) (?:our|the) (?:\S+ )?app|(?:.*[.!?]\s+)?(?:download|install|get) (?:the|our) (?:free )?(?:\S+ )?app(?: now| today| for free| here)?[.!]?|(?:available|now) on (?:the )?(?:app store|google play|ios and android)\b.*|follow @\w+|for (?:more|the latest|all the latest|breaking) [^,]{1,40},\s*follow (?:us|\S+) on .{1,40}|follow (?:us|me|him|her|them|\S+(?: \S+){0,3}) (?:on|at) @\w+.*|catch all the (?:latest |breaking )?\w+ news\b.*)[.!)\]\s]*",
    ),
    // Reading time, audio players, video durations.
    (
        "media",
        r"[(\[]?\s*(?:(?:estimated |approximate |approx\.? )?(?:reading|read|listening|listen|watch|watching|viewing) time\s*:?\s*(?:about |approx\.? |less than |under )?\d.{0,30}|(?:about |approx\.? |approximately )?\d+(?:\.\d+)?[- ]?(?:min|mins|minute|minutes|hour|hr)(?:'|’)?s?\.? (?:read|listen|watch|video|audio|podcast)|(?:listen to (?:this |the full )?(?:article|story|report|piece)|listen|audio)\s*(?:[|•·:–—-]\s*)?\d+\s*(?:min|mins|minutes?|m|:\d{2})(?:\s*\d+\s*(?:s|sec|secs|seconds))?|(?:audio|an audio version|audio version)(?: (?:is )?available| of this (?:article|story))?|(?:hear|play) (?:this )?(?:article|story)(?: read aloud)?|(?:video |audio )?duration\s*:?\s*\d.{0,30}|media playback is (?:unsupported|not supported|unavailable) on your device|to (?:enjoy|watch|view|play|see) this (?:video|content|media|audio)\b.*\b(?:browser|upgrade|enable|javascript|html5)\b.*|(?:this )?(?:video|audio|podcast) (?:will )?(?:play|begin|start)s? (?:in|automatically|shortly)\b.*|(?:next|previous) (?:video|slide|image|photo)|(?:video|audio|podcast|gallery|slideshow|photos?)\s*[|•·:]\s*\d+(?::\d{2})?(?:\s*(?:min|mins|photos|images))?|(?:⏱|🕐|🕒|⌚)?\s*(?:time to read|read time|reading time)\s*:?\s*\d+.{0,12}|(?:⏱|🕐|🕒|⌚)\s*.{0,30}|\d+ (?:min|mins|minutes)|\d[\d,]* words?\s*[·•|-]?\s*\d+\s*(?:min|mins|minute|minutes)(?: read)?|(?:\w{3}\.? \d{1,2}|\d{1,2} \w{3})\s*[·•|]\s*\d+\s*(?:min|mins|minute|minutes)(?: read)?|(?:audio|an audio version) (?:will be|is) available (?:later|soon|shortly)\b.*|getting your .{0,40}player ready.*|(?:next |up next:? )?(?:video|clip|story) (?:starting|starts|will start|begins|will begin|playing) in \d+ (?:seconds?|secs?|s)\b.*|(?:this )?audio (?:is|was) (?:auto-?generated|computer-generated|generated (?:by|using))\b.*|listen (?:on|in|with) (?:spotify|apple podcasts|google podcasts|amazon music|youtube music|audible|stitcher|podbean|soundcloud|iheartradio|pocket casts|the \w+ app)\b.*|(?:subscribe to|follow) .{1,60} (?:on|in) (?:apple podcasts|spotify|google podcasts|your podcast app)\b.*|.*\bwherever you get your podcasts\b.*|🎧.*)[.:…)\]\s]*",
    ),
    // Captions of stock and file images; captions ending in a credit.
    (
        "caption",
        r"[(\[]?\s*(?:representative|representational|representation|illustrative|illustration|stock|file|archive|archival|library|generic|symbolic|screengrab|screenshot|handout|agency|social media) (?:image|photo|picture|pic|photograph|purpose only|purposes only|use only)s?(?: only)?(?: used)?[.)\]\s]*|(?:image|photo|picture|pic)s? (?:used )?for (?:representation(?:al)?|illustration|illustrative|representative) purposes?(?: only)?[.)\]\s]*|.+?[(\[](?:representational|representative|illustrative|file|stock|archive|screengrab|screenshot) (?:image|photo|picture|pic|photograph)s?(?: only| used)?[)\]]\.?|.+?\s©\s?[^\s©][^©]*|.+?(?:\.|\s[|/]|\s[-–—])?\s*[(\[]?\b(?:photo|photograph|photos|picture|pic|video|footage|image by|images by|image credit|credit|credits|photo credit|image credit|picture credit|photo courtesy|image courtesy|courtesy|copyright|source|image source|photo source|illustration)\s*(?:by|:|-|of)\s*(?-i:[\p{Lu}@©])[^\s/|()]*(?:\s*(?:/|via|for|and|&|,|\||-)?\s*(?-i:[\p{Lu}@©\d])[^\s/|()]*){0,6}[)\]]?\.?|.+?\s(?:[-–—|/]|\()\s*(?:ap|afp|reuters|epa|epa-efe|efe|getty images|getty|shutterstock|alamy|pa|pa media|pa wire|anadolu|anadolu agency|xinhua|bloomberg|dpa|ansa|kyodo|yonhap|aap|ani|pti|ians|sipa|zuma|abaca|nurphoto|sopa images|imago|bbc|cnn|handout|supplied|file|pool|afp via getty images|ap photo|reuters photo|afp photo)(?:\s*[/|]\s*[^()]+)?[)\]]?\.?",
    ),
    // Reading tools: text size, save, bookmark, print, listen buttons.
    (
        "tools",
        r"[(\[]?\s*(?:(?:text|font|type)[ -]?size\b.{0,30}|(?:a[-+]?\s*){2,4}|(?:decrease|increase|reset|change) (?:text|font) size|save(?: for later| article| story| this (?:article|story|page)| to (?:my )?(?:list|reading list|favorites|favourites))?|saved(?: articles| stories)?|(?:add to|remove from) (?:my )?(?:list|reading list|favorites|favourites|bookmarks)|bookmark(?: this| article| story)?(?: (?:article|story|page))?|print(?: this)?(?: (?:article|story|page))?|printer[- ]friendly(?: version)?|e-?mail(?: this)?(?: (?:article|story|page|to a friend))?|(?:dark|light|reader|reading) mode|translate(?: this (?:article|page))?|(?:toggle|switch) (?:theme|mode)|zoom (?:in|out))[.:)\]\s]*",
    ),
    // Topic and tag lists: `Posted in World | Tagged …`, `More about:`, `Explore more on these topics`.
    (
        "topics",
        r"(?:posted|filed|published) (?:in|under) [^.]{1,80}?(?:\||\btagged\b|\btags?\b:?).*|(?:tagged|tagged with|tags?)\s*:?\s+[^.]{1,120}|(?:more about|more on|read more about|explore more on|more on these topics|explore more on these topics|explore|topics?|related topics|subjects?|keywords?|in this (?:story|article))\s*:?|explore more on (?:this|these) (?:topics?|stories|subjects)",
    ),
    // Lone labels of date lines (`Published`, `Updated:`), and date lines with a byline (`Posted on … by admin`).
    (
        "date-label",
        r"(?:published|updated|posted|last updated|first published|last modified|modified|created|date)\s*:?|(?:about |around |over )?(?:an?|\d+|one|two|three|few) (?:secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?) ago|just now",
    ),
    // The end marks of wire copy: `Enditem`, `ENDS`, `-30-`, `###`.
    (
        "end-mark",
        r"[(\[]?\s*(?:end ?item|end|ends|-+\s*30\s*-+|#{3}|x{3}|\(end\)|-+\s*end\s*-+)[.)\]\s]*",
    ),
    // `Click here` prompts, whatever they say around it.
    (
        "click-here",
        r"[(\[]?[^“”\x22]{0,120}\b(?:click|tap) (?:here|below)\b[^“”\x22]{0,80}",
    ),
    // Readers' feedback, reactions and ratings.
    (
        "feedback",
        r"(?:was this (?:article|story|page|content|information) (?:helpful|useful|informative)\??.*|(?:did you find|how (?:useful|helpful) (?:was|did you find)) this (?:article|story|page)\b.*|rate this (?:article|story|recipe|post)\s*:?.*|(?:thank you|thanks) for (?:your|the) (?:feedback|rating|vote|response)\b.*|what(?:'s|’s| is) your (?:reaction|opinion|view)\??|(?:how do you feel about|share your thoughts on) this (?:article|story)\??|(?:give|send|leave) (?:us )?(?:your )?feedback\b.*|feedback|[★☆✩✭⭐]{2,}.*|(?:[^\w\s]\s*)+(?:happy|neutral|angry|sad|like|love|haha|wow|care|laugh|surprised|inspired|informed|amused|afraid|upset)\s*(?:\d+)?)[.!?\s]*",
    ),
    // Live pages: pinned posts, key events, refresh controls.
    (
        "live",
        r"(?:pinned(?: post| update| message)?|key (?:events|moments|updates)|show key events only|show (?:all|latest|\d+) (?:new )?(?:updates|posts|events)|(?:\d+ )?new (?:updates|posts)|(?:auto[- ]?refresh|autoupdate|auto-update)(?:\s*:?\s*(?:on|off))?|(?:on|off)|refresh(?: the page| this page| page)?|latest updates|live(?: updates?| blog| coverage| now)?|live (?:coverage|updates|blog|reporting) (?:has|have) (?:now )?ended\b.*|(?:this|the) live (?:blog|coverage|page) (?:has|is) (?:now )?(?:ended|closed|paused)\b.*|(?:follow|see|read) (?:our|the) (?:live (?:updates|coverage|blog)|latest updates)\b.*|(?:last|latest) update(?:d)? (?:\d+ (?:min|mins|minutes|hours?|hrs?) ago|at \d.*)|(?:please )?turn on javascript to use this feature\b.*)[.!\s]*",
    ),
    // Disclosures: affiliate links, the author's own views, funding notes.
    (
        "disclosure",
        r"(?:disclaimer|disclosure|editor(?:'s|’s) note|note to readers|transparency note)\s*:.*|.*\b(?:may|might|could) (?:earn|receive|get) (?:a )?(?:small )?(?:commission|compensation|share of (?:sales|revenue)|affiliate)\b.*|.*\b(?:contains?|may contain|includes?) affiliate links?\b.*|.*\baffiliate (?:links?|commission|partnerships?)\b.{0,80}|(?:the )?views (?:and opinions )?expressed (?:in this (?:article|piece|column|post|op-ed) |above |here(?:in)? )?are (?:those of the (?:author|writer)s?|the (?:author|writer)(?:'s|’s|s') own|solely (?:those )?of the (?:author|writer))\b.*|.*\bdo(?:es)? not necessarily (?:reflect|represent)\b.{0,40}\b(?:views|opinions|position|policy|policies)\b.*|(?:views|opinions) expressed (?:are|by) .{0,60}(?:own|author|writer)\b.*|.*\bprovides funding as (?:a )?(?:member|founding partner|partner) of\b.*|.*\b(?:receives|received) funding from\b.{0,80}\b(?:conversation|partners?)\b.*|partners|disclosure statement|.*\bdoes not work for,? consult,? own shares in\b.*|.*\bha(?:s|ve) disclosed no relevant affiliations\b.*|(?:this|the) (?:article|story|content|post) (?:is|was) (?:sponsored|paid for|supported) by\b.*|(?:independently|editorially) (?:selected|chosen)\b.*|.*\bwe (?:independently )?(?:review|test|recommend) (?:products|everything)\b.*",
    ),
    // WordPress shortcodes and other markup scrapers keep as text.
    (
        "markup",
        r"(?:\[/?(?-i:[a-z_][a-z0-9_-]*)(?:\s+[\w-]+=(?:\x22[^\x22\]]*\x22|'[^'\]]*'|[^\s\]]+))*\s*/?\])+|\[(caption|gallery|embed|video|audio)\b[^\]]*\].*\[/(?:caption|gallery|embed|video|audio)\]|\[(?:embedded content|embed|video|image|photo|gallery|audio|map|chart|graphic|interactive)\]|#[\w-]+(?:\s+#[\w-]+)+",
    ),
    // Page prompts of every other kind: push notifications, JavaScript
    // and loading errors, galleries, followers, syndication and age notes.
    (
        "notice",
        r"(?:get|turn on|enable|allow|receive) (?:push |breaking news |browser )?notifications\b.*|(?:not now|maybe later|no thanks|no, thanks|allow|block|okay,? thanks|ok,? thanks|ok,? got it|got it,? thanks|dismiss|close this|continue|skip)[.!]?|(?:some )?(?:features|parts|content) (?:of|on) this (?:page|site|website) (?:may|might|will) not (?:work|display|load)\b.*|(?:we(?:'re|’re| are)|we have been) having (?:trouble|problems|issues) (?:loading|displaying|showing)\b.*|(?:this|the) (?:content|page|article|story|module) (?:is|could not be|failed to) (?:loading|loaded|load)\b.*|(?:see|view|browse) all \d+ (?:photos|images|pictures|slides)|swipe (?:for|to see) more\b.*|\+\s?\d{1,3}(?: photos?| more)?|\d+ (?:of|/) \d+ (?:photos|images|slides)|(?:\d[\d.,]*[km]?) (?:followers|subscribers|fans|likes|views|reads|listens)|follow|following|(?:content|article|story) syndicated (?:from|by|via)\b.*|(?:originally )?published as\b[^.]{0,120}|(?:this|the) (?:article|story|piece) is (?:more than|over) (?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten) (?:years?|months?|weeks?|days?) old\.?|.*\bcopyright\s*©.*|.*©\s*(?:\d{4}|copyright).*|(?:this site|this website|we) uses? cookies\b.*|find out more\.?|learn more\.?|read more\.?|more info(?:rmation)?\.?|sharing is caring!?|(?:download|save|export) (?:as )?pdf|reprints?(?: (?:&|and) permissions)?|permissions|license this (?:article|content|story)|(?:🖨|✉|📧|🔗|📤).*|a[-+−]|(?:we(?:'ll|’ll| will)) never share your (?:e-?mail|email address|details|information)\b.*|you can unsubscribe at any time\b.*|(?:📩|📬|📨|✉️)?\s*join (?:\d[\d,.]*\+? |over \d[\d,.]* |thousands of |millions of )?(?:other )?(?:readers|subscribers)\b.*",
    ),
    // Author furniture: links to an author's other stories, head shots.
    (
        "author",
        r"(?:view|see|read|browse) (?:all |more )?(?:posts|articles|stories|work) (?:by|from) [^.]{1,60}|(?:more|all stories|all articles) (?:from|by) (?-i:\p{Lu})\S*(?: \S+){0,3}|\S+(?: \S+){0,3} (?:headshot|head shot|portrait|avatar|profile (?:photo|picture|image))|(?:about the (?:author|authors|writer|writers|reporter|contributor)|author (?:bio|profile|information))\s*:?",
    ),
    // Lines that are only separators or a link.
    (
        "separator",
        r"[-_=*~•·#.+◆◇■□●○▪▫|/\\\s]{3,}|[*]\s*[*]\s*[*]",
    ),
    (
        "link",
        r"(?:https?://|www\.)\S+|\[?(?:https?://)?[\w-]+(?:\.[\w-]+)+/\S*\]?",
    ),
];

/// Built-in rules that move a line into `credit`.
const CREDIT: &[(&str, &str)] = &[
    (
        "agency-credit",
        r"(?-i:[a-z]{2,4})(?:/(?-i:[a-z]{2,4}))+\s*\((?:[\w .-]+,\s*)*[\w .-]+\)|[(\[]\s*(?:editing|writing|reporting|additional reporting|compiled) by [^()]{1,120}[)\]]\.?",
    ),
    (
        "agency-credit",
        r"(?-i:\p{Lu})[\w.'’-]+(?: (?-i:\p{Lu})[\w.'’-]+){1,3}(?:(?:,| and) (?-i:\p{Lu})[\w.'’-]+(?: (?-i:\p{Lu})[\w.'’-]+){1,3})* contributed (?:reporting|research|writing)\b.*",
    ),
    (
        "agency-credit",
        r"[(\[]?\s*[-–—]*\s*(?:with files from|with a file from|files from|with reports? from|with (?:the )?(?:ap|aap|afp|reuters|pa|cp|dpa|bloomberg|the canadian press|canadian press|associated press|agencies))\b[^.]{0,80}[.)\]]*|(?:source|sources|via|wire|wires|news source)\s*:\s*[^.]{1,60}|(?:the )?(?:canadian press|associated press|press association|australian associated press|agence france-presse|reuters|afp|ap|aap|cp|pa|dpa|ani|pti|ians|xinhua|kyodo|yonhap|tass|efe|ansa|bernama|anadolu agency|wam|spa|kuna|qna|irna)(?: (?:wire|news|staff|reporters?))?\.?",
    ),
    (
        "syndication",
        r"[(\[*_]*\s*(?:.*\b(?:has|have|was|is) not been edited by\b.*|.*\b(?:published|auto-generated|generated|sourced|taken|reproduced) (?:from|via|through|off) (?:a |an |the )?(?:syndicated|wire|agency|news agency|newswire|third[- ]party) (?:feed|copy|service|content)\b.*|.*\bwire agency feed\b.*|(?:with )?(?:inputs?|input) (?:from|by) [^.,;]{1,40}|\(?(?:agencies|wires|wire services|news desk|web desk|online desk|agency)\)?|(?:this|the) (?:article|story|content|report) (?:is|was) (?:produced|created|written|provided|supplied|contributed) by\b.*|(?:distributed|provided|supplied) by\b[^.,;]{1,60})[.)\]*_\s]*",
    ),
    (
        "republished",
        r"[(\[*_]*\s*(?:this (?:article|story|piece|post|item|content|column|interview|essay|analysis|version|feature|report)(?: was| is| has been)? (?:originally|first|also) (?:published|appeared|posted|ran)\b.*|(?:this|the) (?:article|story|piece|post|item|content) (?:was |is |has been )?(?:republished|reproduced|syndicated|reprinted)\b.*|(?:originally|first) (?:published|appeared|posted) (?:on|in|at|by) [^,]+|a version of this (?:story|article|piece|report) (?:originally |first |also )?(?:appeared|appears|ran|runs|was published|is published)\b.*|(?:originally|first) (?:published|appeared|posted)(?: (?:on|in|at|by))? (?:(?:\w+day,? )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d{1,2},? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})(?:,? (?:at )?\d{1,2}[:.]\d{2}.*)?\.?|republished (?:with permission )?(?:from|courtesy of|under)\b.*|reprinted (?:with permission )?(?:from|by)\b.*|read the original (?:article|story|version)\b.*|the post .{1,200} appeared first on .{1,100}|(?:distributed|syndicated) by [^.]{1,60}(?:, (?:llc|inc|ltd)\.?)?)",
    ),
    (
        "agency-credit",
        r"[-–—\s]*(?:with assistance (?:from|by)|to contact the (?:reporters?|editors?|author)(?: responsible)?(?: (?:for|on|of) this (?:story|article))?|(?:compiled|written|edited|produced|translated|fact-checked) by|additional (?:reporting|writing|editing|research)(?: by)?|writing by|editing by|research by|graphics by)\b.+",
    ),
    (
        "agency-credit",
        r".*\b(?:writers?|reporters?|correspondents?|staff|producers?)\b.*\bcontributed\.?|[-–—]{1,2}\s*(?:the )?(?:associated press|reuters|afp|cnn|bloomberg|upi|bbc news)\.?",
    ),
    (
        "agency-credit",
        r"[-–—]\s*(?-i:\p{Lu})[\w.'’-]+(?:\s(?-i:\p{Lu})[\w.'’-]+){0,3},?\s+(?:the )?(?:associated press|reuters|afp|agence france-presse|bloomberg|cnn|upi|staff writer|staff reporter|correspondent)\.?",
    ),
];

/// Words a credit line (`Reporting by Jane Doe in Kyiv; Editing by Ed
/// Smith`) may have in lower case besides names: a line with more of other
/// lower-case words is a sentence (`Reporting by the Post showed …`).
const CREDIT_WORDS: &[&str] = &[
    "and",
    "in",
    "from",
    "at",
    "with",
    "of",
    "the",
    "by",
    "for",
    "de",
    "da",
    "del",
    "van",
    "von",
    "der",
    "den",
    "le",
    "la",
    "al",
    "el",
    "bin",
    "ibn",
    "editing",
    "writing",
    "reporting",
    "additional",
    "compiled",
    "contributed",
    "contributing",
    "to",
    "this",
    "report",
    "story",
    "article",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "staff",
    "producer",
    "producers",
    "also",
    "graphics",
    "research",
    "researcher",
    "photos",
    "video",
    "translation",
    "translated",
    "edited",
    "written",
    "reported",
    "wire",
    "services",
    "service",
    "agencies",
    "news",
    "contributor",
    "contributors",
    "a",
    "on",
    "report.",
    "and/or",
    "here",
    "reporting.",
    "story.",
    "article.",
    "bureau",
    "desk",
    "team",
    "investigative",
    "senior",
    "chief",
    "political",
    "white",
    "house",
    "capitol",
    "hill",
    "international",
    "foreign",
    "national",
    "business",
    "sports",
    "health",
    "science",
    "technology",
    "climate",
    "contact",
    "editor",
    "editors",
    "responsible",
    "assistance",
    "at",
    "or",
    "story:",
    "editing:",
];

static ALL_REMOVE: LazyLock<PatternSet> = LazyLock::new(|| PatternSet::from_regexes(REMOVE));
static ALL_CREDIT: LazyLock<PatternSet> = LazyLock::new(|| PatternSet::from_regexes(CREDIT));

/// The compiled rules of one import.
#[derive(Debug, Clone)]
pub struct Rules {
    /// `import.share_line`.
    pub share_line: LinePattern,
    /// `import.notices`.
    pub notices: PatternSet,
    /// `import.teaser_markers`.
    pub teaser_markers: PatternSet,
    /// `import.attributions`.
    pub attributions: PatternSet,
    /// Built-in rules that remove a line.
    pub remove: PatternSet,
    /// Built-in rules that move a line into the credit.
    pub credit: PatternSet,
    disabled: Vec<String>,
    /// `strip_dateline`, `subheading_max_chars`.
    pub strip_dateline: bool,
    /// See [`ImportConfig::subheading_max_chars`].
    pub subheading_max_chars: usize,
    /// The day of the import: a dateline's date without a year is the last
    /// such day on or before it (or before the file name's date).
    pub today: civil::Date,
    /// Lines and title tails that repeat across the files of this import.
    pub repeats: Repeats,
}

/// Names of the rules not in the pattern tables, for `disabled_rules`.
pub const CODED_RULES: &[&str] = &[
    "share",
    "notice",
    "attribution",
    "teaser-block",
    "teaser-marker",
    "byline",
    "date-line",
    "dateline",
    "navigation",
    "page-boilerplate",
    "repeated",
    "author-bio",
];

impl Rules {
    /// Compiles the rules of `config`; `today` is the day of the import.
    /// An unknown name in `disabled_rules` is an error naming it.
    pub fn new(config: &ImportConfig, today: civil::Date) -> Result<Rules, String> {
        let known: Vec<&str> = REMOVE
            .iter()
            .chain(CREDIT)
            .map(|(n, _)| *n)
            .chain(CODED_RULES.iter().copied())
            .collect();
        for name in &config.disabled_rules {
            if !known.contains(&name.as_str()) {
                let mut names = known.clone();
                names.sort_unstable();
                names.dedup();
                return Err(format!(
                    "`import.disabled_rules` names no rule `{name}`; the rules are {}",
                    names.join(", ")
                ));
            }
        }
        // The built-in sets are compiled once per process when none is
        // turned off (slow to build in debug builds, and the same each time).
        let on = |rules: &[(&'static str, &'static str)], all: &LazyLock<PatternSet>| {
            if config.disabled_rules.is_empty() {
                return PatternSet::clone(all);
            }
            let kept: Vec<(&str, &str)> = rules
                .iter()
                .filter(|(n, _)| !config.disabled_rules.iter().any(|d| d == n))
                .copied()
                .collect();
            PatternSet::from_regexes(&kept)
        };
        Ok(Rules {
            share_line: LinePattern::new(&config.share_line),
            notices: PatternSet::from_globs(&config.notices),
            teaser_markers: PatternSet::from_globs(&config.teaser_markers),
            attributions: PatternSet::from_globs(&config.attributions),
            remove: on(REMOVE, &ALL_REMOVE),
            credit: on(CREDIT, &ALL_CREDIT),
            disabled: config.disabled_rules.clone(),
            strip_dateline: config.strip_dateline,
            subheading_max_chars: config.subheading_max_chars,
            today,
            repeats: Repeats::default(),
        })
    }

    /// True unless `import.disabled_rules` turns the rule `name` off.
    pub fn enabled(&self, name: &str) -> bool {
        !self.disabled.iter().any(|d| d == name)
    }
}

/// True when a line matched by a credit pattern reads as a credit (names,
/// places, roles), not as a sentence that starts like one.
pub fn reads_as_credit(line: &str) -> bool {
    let unknown = line
        .split(|c: char| c.is_whitespace() || ";,()[]:".contains(c))
        .filter(|w| {
            !w.contains(['@', '/'])
                && w.chars().next().is_some_and(char::is_lowercase)
                && !CREDIT_WORDS.contains(&w.trim_end_matches(['.', '’', '\'']))
        })
        .count();
    unknown <= 1 && line.chars().count() <= 300
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::new(&ImportConfig::default(), civil::date(2026, 1, 15)).unwrap()
    }

    #[test]
    fn every_built_in_rule_compiles_and_is_named() {
        let r = rules();
        assert_eq!(r.remove.first_match("ADVERTISEMENT"), Some("advertisement"));
        assert_eq!(
            r.credit
                .first_match("This article was originally published on The Conversation."),
            Some("republished")
        );
        let config = ImportConfig {
            disabled_rules: vec!["caption".into()],
            ..ImportConfig::default()
        };
        let r = Rules::new(&config, civil::date(2026, 1, 15)).unwrap();
        assert_eq!(r.remove.first_match("Pictured: A crowd"), None);
        assert!(!r.enabled("caption"));
        let config = ImportConfig {
            disabled_rules: vec!["captions".into()],
            ..ImportConfig::default()
        };
        let err = Rules::new(&config, civil::date(2026, 1, 15)).unwrap_err();
        assert!(err.contains("no rule `captions`"), "{err}");
    }

    #[test]
    fn credits_read_as_credits() {
        assert!(reads_as_credit(
            "(Reporting by Jane Doe in London; Editing by Ed Smith)"
        ));
        assert!(reads_as_credit(
            "Associated Press writer Li Wei in Beijing contributed to this report."
        ));
        assert!(!reads_as_credit(
            "Reporting by the Post showed that the agency had ignored warnings."
        ));
    }
}
