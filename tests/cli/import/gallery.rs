//! The gallery of debris: one form of each kind of leftover that real news
//! sites and scrapers leave (our own text, in the shapes of real sites),
//! put into a clean article at the top, the bottom or between paragraphs.
//! Each form is pinned: the article comes out exactly as it was written,
//! and each line of debris is removed by the rule named here.

use broadsheet::config::Config;
use broadsheet::import::{self, clean::BlockKind};
use jiff::civil;

const TITLE: &str = "Harbour wall to be rebuilt after winter storms";

/// The article: our own text. Its paragraphs are what every import keeps.
const BODY: &[&str] = &[
    "The Harrow Valley Council voted on Monday to rebuild the harbour wall at Port Aldwin, three months after winter storms tore a hole in it.",
    "The work will cost £4.2m and should start in May, the council said. Most of the money comes from the Harbour Wall Fund, set up in 2019.",
    "“We have waited long enough,” said harbourmaster Elena Marsh. “Every storm takes a little more of the wall, and one day it will take the boats.”",
    "Engineers said the new wall would be a metre higher than the old one. They expect the work to take about a year.",
    "Share prices of local ferry firms rose after the vote. Read more about the plan in the council's report, which is published online.",
];

#[derive(Clone, Copy)]
enum At {
    /// After the title, before the body.
    Top,
    /// Between the second and third paragraphs.
    Middle,
    /// After the body.
    Bottom,
}

/// (form, where, its lines (blank lines between blocks), the rule that removes each block).
type Form = (&'static str, At, &'static [&'static str], &'static str);

const FORMS: &[Form] = &[
    // Share widgets.
    (
        "share line with domain",
        At::Top,
        &["Share this @aldwin-herald.example"],
        "share",
    ),
    (
        "share words on one line",
        At::Top,
        &["Share this article"],
        "share",
    ),
    (
        "networks in a row",
        At::Bottom,
        &["Facebook Twitter LinkedIn Email"],
        "share",
    ),
    (
        "networks with bars",
        At::Top,
        &["Facebook | X | WhatsApp | Copy link"],
        "share",
    ),
    (
        "one network a line",
        At::Bottom,
        &["Share\nFacebook\nTwitter\nEmail\nPrint"],
        "share",
    ),
    ("share counts", At::Top, &["1.2K Shares"], "share"),
    (
        "click to share",
        At::Bottom,
        &["Click to share on WhatsApp (Opens in new window)"],
        "share",
    ),
    ("share on X", At::Middle, &["Share on X"], "share"),
    // Advertising.
    (
        "advertisement slug",
        At::Middle,
        &["ADVERTISEMENT"],
        "notice `Advertisement`",
    ),
    (
        "advertisement dashes",
        At::Middle,
        &["- Advertisement -"],
        "advertisement",
    ),
    (
        "story continues",
        At::Middle,
        &["Story continues below advertisement"],
        "advertisement",
    ),
    (
        "article continues",
        At::Middle,
        &["Article continues below"],
        "advertisement",
    ),
    (
        "scroll to continue",
        At::Middle,
        &["Advertisement - Scroll to continue"],
        "advertisement",
    ),
    (
        "continue reading",
        At::Middle,
        &["Continue reading the main story"],
        "advertisement",
    ),
    (
        "sponsored",
        At::Bottom,
        &["Sponsored Content"],
        "advertisement",
    ),
    // Newsletters, follows, apps.
    (
        "newsletter sign-up",
        At::Middle,
        &["Sign up for our daily newsletter to get the latest news in your inbox."],
        "newsletter",
    ),
    (
        "newsletter in brackets",
        At::Middle,
        &["(Want to get this newsletter in your inbox? Sign up here.)"],
        "newsletter",
    ),
    (
        "sign-up terms",
        At::Bottom,
        &["By signing up, you agree to our Privacy Policy and Terms of Use."],
        "newsletter",
    ),
    (
        "thanks for signing up",
        At::Bottom,
        &["Thanks for signing up!"],
        "newsletter",
    ),
    (
        "subscriber prompt",
        At::Bottom,
        &["Already a subscriber? Log in"],
        "newsletter",
    ),
    (
        "follow on X",
        At::Bottom,
        &["Follow Elena Marsh on X: @emarsh"],
        "follow",
    ),
    (
        "follow us",
        At::Bottom,
        &["Follow us on Facebook and Instagram"],
        "share",
    ),
    (
        "follow us on social",
        At::Bottom,
        &["Follow us on Google News for more updates"],
        "follow",
    ),
    (
        "get the app",
        At::Bottom,
        &["CLICK HERE TO GET THE HERALD APP"],
        "follow",
    ),
    (
        "tip line",
        At::Bottom,
        &["Got a news tip? Email us at tips@aldwin-herald.example"],
        "follow",
    ),
    // Cookie and browser notices.
    (
        "cookie notice",
        At::Top,
        &[
            "We use cookies to improve your experience on our site. By using this site you agree to our cookie policy.",
        ],
        "cookie-notice",
    ),
    (
        "cookie buttons",
        At::Top,
        &["Accept all cookies\nManage preferences"],
        "cookie-notice",
    ),
    (
        "javascript notice",
        At::Top,
        &["Please enable JavaScript to view the comments."],
        "notice `Please enable JavaScript*`",
    ),
    (
        "browser notice",
        At::Top,
        &["Your browser is out of date. Please update it to view this site."],
        "browser-notice",
    ),
    (
        "video notice",
        At::Middle,
        &["Your browser does not support the video tag."],
        "browser-notice",
    ),
    (
        "ad blocker",
        At::Top,
        &["We noticed you're using an ad blocker. Please consider supporting us."],
        "browser-notice",
    ),
    // Media widgets.
    (
        "listen widget",
        At::Top,
        &["Listen to this article"],
        "media",
    ),
    ("reading time", At::Top, &["4 min read"], "media"),
    ("video duration", At::Middle, &["Play Video\n2:31"], "media"),
    ("gallery count", At::Middle, &["1 of 12"], "media"),
    (
        "media caption",
        At::Middle,
        &["Media caption, The storm hit the harbour on Tuesday night"],
        "media",
    ),
    ("toggle caption", At::Middle, &["toggle caption"], "media"),
    // Captions and photo credits.
    (
        "image caption",
        At::Middle,
        &["Image caption, Boats were sunk at their moorings"],
        "caption",
    ),
    (
        "image source",
        At::Middle,
        &["Image source, Getty Images"],
        "caption",
    ),
    (
        "BBC image copyright",
        At::Middle,
        &["Image copyright Reuters"],
        "caption",
    ),
    (
        "photo with agency",
        At::Middle,
        &["Photo: Jane Holt/AFP via Getty Images"],
        "caption",
    ),
    (
        "AP caption",
        At::Middle,
        &[
            "FILE - Waves break over the harbour wall at Port Aldwin on Jan. 3, 2025. (AP Photo/Jane Holt)",
        ],
        "caption",
    ),
    (
        "caption with AP credit",
        At::Middle,
        &["Waves break over the harbour wall on Tuesday. (AP Photo/Jane Holt)"],
        "photo-credit",
    ),
    (
        "credit getty",
        At::Middle,
        &["Jane Holt/Getty Images"],
        "photo-credit",
    ),
    (
        "credit for paper",
        At::Middle,
        &["Jane Holt for The Washington Post"],
        "photo-credit",
    ),
    ("agency alone", At::Middle, &["Reuters"], "photo-credit"),
    (
        "in this photo",
        At::Middle,
        &["In this photo provided by the Harrow Valley Council, workers inspect the wall."],
        "caption",
    ),
    (
        "pictured",
        At::Middle,
        &["Pictured: the harbour after the storm"],
        "caption",
    ),
    // Copyright and syndication.
    (
        "AP copyright",
        At::Bottom,
        &[
            "Copyright 2025 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
        ],
        "copyright",
    ),
    (
        "© line",
        At::Bottom,
        &["© 2025 Aldwin Herald Ltd"],
        "copyright",
    ),
    (
        "Reuters standards",
        At::Bottom,
        &["Our Standards: The Thomson Reuters Trust Principles."],
        "copyright",
    ),
    (
        "AP philanthropy note",
        At::Bottom,
        &[
            "The Associated Press’ climate and environmental coverage receives financial support from multiple private foundations. AP is solely responsible for all content.",
        ],
        "copyright",
    ),
    (
        "follow AP coverage",
        At::Bottom,
        &["Follow AP’s coverage of the storms at https://apnews.com/hub/weather"],
        "copyright",
    ),
    // Teaser lines inside the body.
    (
        "related inline",
        At::Middle,
        &["RELATED: Storm closes the Valley line for a week"],
        "inline-teaser",
    ),
    (
        "read more inline",
        At::Middle,
        &["READ MORE: What the harbour wall plan means for ferries"],
        "inline-teaser",
    ),
    (
        "more inline",
        At::Middle,
        &["MORE: Ferries cancelled until Thursday"],
        "inline-teaser",
    ),
    (
        "watch inline",
        At::Middle,
        &["WATCH | Waves break over the harbour wall"],
        "inline-teaser",
    ),
    // Trailing teaser blocks, under their many headings.
    (
        "you may also like",
        At::Bottom,
        &[
            "You May Also Like",
            "Valley line reopens after fallen trees are cleared",
            "Engineers worked through the night to clear the line between Harrow and…",
        ],
        "teaser-block",
    ),
    (
        "most read list",
        At::Bottom,
        &[
            "Most Read\nValley line reopens after storm\nCheese from Harrow wins award\nFerry fares to rise in April",
        ],
        "teaser-block",
    ),
    (
        "recommended with dates",
        At::Bottom,
        &[
            "Recommended for you",
            "Valley line reopens after storm\n3 hours ago",
            "Cheese from Harrow wins award\nJan 3, 2025",
        ],
        "teaser-block",
    ),
    (
        "more from outlet",
        At::Bottom,
        &[
            "More from The Aldwin Herald:",
            "Valley line reopens after storm",
            "Cheese from Harrow wins award",
        ],
        "teaser-block",
    ),
    (
        "trending now",
        At::Bottom,
        &["Trending Now", "Is the harbour safe? What we know"],
        "teaser-block",
    ),
    (
        "comments",
        At::Bottom,
        &[
            "24 Comments",
            "Great news for the town, about time!",
            "Who is paying for this? Not me I hope.",
        ],
        "teaser-block",
    ),
    (
        "next story at the top",
        At::Top,
        &["Next Story\nValley line reopens after storm"],
        "teaser-marker",
    ),
    // Bylines and time stamps.
    ("byline", At::Top, &["By Ana Reyes"], "byline"),
    (
        "wire byline",
        At::Top,
        &["By ANA REYES and TOM HOLT, Associated Press"],
        "byline",
    ),
    (
        "byline with outlet",
        At::Top,
        &["Ana Reyes, Reuters"],
        "byline",
    ),
    (
        "credit with bar",
        At::Top,
        &["Ana Reyes | Reuters"],
        "photo-credit",
    ),
    (
        "published stamp",
        At::Top,
        &["Published 3 hours ago"],
        "date-line",
    ),
    (
        "updated stamp",
        At::Top,
        &["Updated 2:15 PM EDT, Mon March 3, 2025"],
        "date-line",
    ),
    (
        "posted stamp",
        At::Top,
        &["Posted: Mar 3, 2025 / 10:32 AM EST"],
        "date-line",
    ),
    // Page furniture.
    (
        "tags line",
        At::Bottom,
        &["Tags: Port Aldwin, harbour, council"],
        "furniture",
    ),
    (
        "print this article",
        At::Top,
        &["Print this article"],
        "furniture",
    ),
    (
        "gift articles",
        At::Top,
        &["As a subscriber, you have 10 gift articles to give each month."],
        "furniture",
    ),
    (
        "sign in to comment",
        At::Bottom,
        &["Sign in to comment"],
        "furniture",
    ),
    (
        "read the full story",
        At::Bottom,
        &["Read the full story at aldwin-herald.example"],
        "furniture",
    ),
    (
        "listen with more",
        At::Top,
        &["Listen to this story. Enjoy more audio and podcasts on iOS or Android."],
        "media",
    ),
    (
        "byline with bullet",
        At::Top,
        &["By Ana Reyes • Published March 3, 2025"],
        "byline",
    ),
    // More notices and share shapes.
    (
        "IE notice",
        At::Middle,
        &[
            "Microsoft Edge is the recommended browser. IE 11 is not supported. For the best experience, please visit…",
        ],
        "browser-notice",
    ),
    (
        "best experience",
        At::Bottom,
        &["For the best experience, please update your browser or download our app…"],
        "browser-notice",
    ),
    (
        "shared from",
        At::Top,
        &["Shared from @aldwin-herald.example"],
        "share",
    ),
    (
        "share on social media",
        At::Bottom,
        &["Share this story on social media"],
        "share",
    ),
    (
        "footer links",
        At::Bottom,
        &["About us\nContact us\nTerms of use\nCareers"],
        "furniture",
    ),
    // Navigation of whole-page text.
    (
        "skip link",
        At::Top,
        &["Skip to main content"],
        "notice `Skip to main content`",
    ),
    (
        "breadcrumbs",
        At::Top,
        &["Home › News › Local"],
        "navigation",
    ),
    ("separators", At::Middle, &["* * *"], "separator"),
    (
        "bare link",
        At::Bottom,
        &["https://aldwin-herald.example/news/harbour-wall"],
        "link",
    ),
];

/// Credit lines: moved into `credit`, with the rule that moved them.
const CREDITS: &[(&str, &str)] = &[
    (
        "The Associated Press contributed to this report.",
        "attribution `* contributed to this report.`",
    ),
    (
        "Associated Press writer Tom Holt in London contributed to this report.",
        "attribution `* contributed to this report.`",
    ),
    (
        "(Reporting by Ana Reyes in Port Aldwin; Editing by Tom Holt)",
        "attribution `(Reporting by *)`",
    ),
    (
        "Reporting by Ana Reyes; Additional reporting by Tom Holt; Editing by Mark Stone",
        "attribution `Reporting by *`",
    ),
    (
        "Additional reporting by Tom Holt",
        "attribution `Additional reporting by *`",
    ),
    (
        "Contributing: Tom Holt, The Aldwin Herald",
        "attribution `Contributing: *`",
    ),
    (
        "CNN’s Tom Holt contributed reporting.",
        "attribution `* contributed reporting.`",
    ),
    ("--With assistance from Tom Holt.", "agency-credit"),
    (
        "To contact the reporter on this story: Ana Reyes in Port Aldwin at areyes@example.org",
        "agency-credit",
    ),
    (
        "This article was originally published on The Conversation. Read the original article.",
        "republished",
    ),
    (
        "A version of this story first appeared in the Aldwin Herald.",
        "republished",
    ),
];

fn rules() -> import::rules::Rules {
    import::compile_rules(&Config::default(), civil::date(2026, 1, 15)).unwrap()
}

/// The raw text: the article with `debris` (blocks) put `at` its place.
fn raw_with(at: At, debris: &[&str]) -> String {
    let mut blocks: Vec<String> = BODY.iter().map(|p| (*p).to_owned()).collect();
    let debris = debris.iter().map(|d| (*d).to_owned());
    match at {
        At::Top => {
            blocks.splice(0..0, debris);
        }
        At::Middle => {
            blocks.splice(2..2, debris);
        }
        At::Bottom => blocks.extend(debris),
    }
    format!("{TITLE}\n\n{}\n", blocks.join("\n\n"))
}

/// Cleans `raw` and checks that the article came out exactly as written.
fn check_article(form: &str, raw: &str) -> import::explain::Explanation {
    let config = Config::default();
    let rules = rules();
    let (draft, _) = import::clean_one(raw, "gallery.txt", &config, &rules, false).unwrap();
    assert_eq!(draft.title, TITLE, "{form}");
    let body: Vec<String> = draft.blocks.iter().map(|b| b.text()).collect();
    assert_eq!(body, BODY, "{form}:\n{raw}");
    assert!(draft.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    import::explain::explain(raw.as_bytes(), "gallery.txt", &config, &rules).unwrap()
}

#[test]
fn every_form_of_debris_is_removed_and_the_article_kept() {
    let mut wrong = Vec::new();
    for (form, at, debris, rule) in FORMS {
        let raw = raw_with(*at, debris);
        let e = check_article(form, &raw);
        let lines: Vec<&str> = debris.iter().flat_map(|d| d.lines()).collect();
        let removed: Vec<&str> = e.removed.iter().map(|r| r.removed.line.as_str()).collect();
        // The first line is the form's own rule (a block's other lines may be taken with it).
        if removed != lines || e.removed[0].removed.rule != *rule {
            wrong.push(format!("{form}: {:?}", e.removed));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_same_debris_at_the_top_and_the_bottom() {
    let raw = raw_with(At::Top, &["Share\nFacebook\nTwitter"]).replace(
        BODY[4],
        &format!("{}\n\nShare this article\nEmail\nPrint", BODY[4]),
    );
    let e = check_article("share at both ends", &raw);
    assert_eq!(e.removed.len(), 6);
    assert!(e.removed.iter().all(|r| r.removed.rule == "share"));
}

#[test]
fn credit_lines_become_the_credit() {
    let config = Config::default();
    for (line, rule) in CREDITS {
        let raw = raw_with(At::Bottom, &[line]);
        let e = check_article(line, &raw);
        assert_eq!(e.removed.len(), 1, "{line}");
        assert_eq!(e.removed[0].removed.rule, *rule, "{line}");
        assert!(e.removed[0].removed.credit);
        let (draft, _) = import::clean_one(&raw, "x.txt", &config, &rules(), false).unwrap();
        assert_eq!(draft.credits, [*line]);
    }
}

/// Datelines of the wire services and broadcasters: (opening, kept dateline, date).
const DATELINES: &[(&str, &str, Option<&str>)] = &[
    ("WASHINGTON (AP) — ", "WASHINGTON (AP)", None),
    (
        "PORT ALDWIN, England (AP) — ",
        "PORT ALDWIN, England (AP)",
        None,
    ),
    (
        "LONDON, March 3 (Reuters) - ",
        "LONDON, March 3 (Reuters)",
        Some("2025-03-03"),
    ),
    (
        "LONDON, Jan 3 (Reuters) - ",
        "LONDON, Jan 3 (Reuters)",
        Some("2025-01-03"),
    ),
    ("PARIS (AFP) - ", "PARIS (AFP)", None),
    ("Paris (AFP) - ", "Paris (AFP)", None),
    ("Hong Kong (CNN) — ", "Hong Kong (CNN)", None),
    ("(CNN) — ", "CNN", None),
    ("(CNN Business) — ", "CNN Business", None),
    (
        "WASHINGTON, March 3 (UPI) -- ",
        "WASHINGTON, March 3 (UPI)",
        Some("2025-03-03"),
    ),
    ("(Bloomberg) -- ", "Bloomberg", None),
    (
        "BEIJING, March 3 (Xinhua) -- ",
        "BEIJING, March 3 (Xinhua)",
        Some("2025-03-03"),
    ),
    (
        "NEW DELHI [India], March 3 (ANI): ",
        "NEW DELHI [India], March 3 (ANI)",
        Some("2025-03-03"),
    ),
    ("LONDON — ", "LONDON", None),
    ("KYIV, Ukraine — ", "KYIV, Ukraine", None),
    (
        "WASHINGTON, March 3, 2025 (AP) — ",
        "WASHINGTON, March 3, 2025 (AP)",
        Some("2025-03-03"),
    ),
    ("NEW DELHI: ", "NEW DELHI", None),
    ("By Ana Reyes\nWASHINGTON (AP) — ", "WASHINGTON (AP)", None),
    ("() ", "", None),
];

#[test]
fn datelines_of_every_common_form() {
    let config = Config::default();
    let rules = import::compile_rules(&config, civil::date(2025, 6, 1)).unwrap();
    for (opening, kept, date) in DATELINES {
        let raw = format!(
            "{TITLE}\n\n{opening}{}\n\n{}\n",
            BODY[0],
            BODY[1..].join("\n\n")
        );
        let (draft, _) = import::clean_one(&raw, "x.txt", &config, &rules, false).unwrap();
        let body: Vec<String> = draft.blocks.iter().map(|b| b.text()).collect();
        assert_eq!(body, BODY, "{opening}");
        assert_eq!(draft.dateline.as_deref().unwrap_or(""), *kept, "{opening}");
        assert_eq!(
            draft.date.map(|d| d.to_string()).as_deref(),
            *date,
            "{opening}"
        );
    }
    // After a one-line standfirst.
    let raw = format!(
        "{TITLE}\n\nCouncil acts after winter storms\n\nLONDON (Reuters) - {}\n",
        BODY.join("\n\n")
    );
    let (draft, _) = import::clean_one(&raw, "x.txt", &config, &rules, false).unwrap();
    assert_eq!(draft.dateline.as_deref(), Some("LONDON (Reuters)"));
    assert_eq!(draft.blocks[1].text(), BODY[0]);
    // Without a year, the date is the last such day on or before the file's date.
    let rules = import::compile_rules(&config, civil::date(2026, 1, 15)).unwrap();
    let raw = format!(
        "{TITLE}\n\nLONDON, Dec 30 (Reuters) - {}\n",
        BODY.join("\n\n")
    );
    let (draft, _) = import::clean_one(&raw, "x.txt", &config, &rules, false).unwrap();
    assert_eq!(draft.date, Some(civil::date(2025, 12, 30)));
    let (draft, _) = import::clean_one(&raw, "2024-01-02-x.txt", &config, &rules, false).unwrap();
    assert_eq!(draft.date, Some(civil::date(2023, 12, 30)));
}

/// Clean articles in the shapes that look most like debris pass untouched.
#[test]
fn clean_text_passes_untouched() {
    let lookalikes: &[&str] = &[
        "Reporting by The Washington Post showed that the agency had ignored the warnings for years.",
        "Supported by the unions, the bill passed on Tuesday by 40 votes to 12.",
        "Video from the scene shows waves breaking over the wall as boats sink at their moorings.",
        "Copyright lawyers said the ruling would change how newspapers licence photographs.",
        "Like many on Twitter, she complained about the delays to the ferry service this winter.",
        "This report was published on Monday by the council and shows the wall is failing.",
        "Facebook shares fell 4% on Tuesday after the company said profits would be lower.",
        "Residents can sign up for email alerts from the council, officials said on Monday.",
        "First published in 1851, the Aldwin Herald closed its print edition last year.",
        "By Monday evening, the water had gone down and the ferries were running again.",
        "Related charges were filed against the contractor on Friday, police said.",
        "More than 200 people came to the meeting, which ran late into the night.",
        "Watch: that was the word on the harbour wall, painted in red letters a metre high.",
        "The browser is used by 60% of the town's library computers, the council said.",
        "Written by Holt in 1990, the harbour song became an anthem for the town.",
        "Trending topics on social media included the storm and the ferry cancellations.",
        "Microsoft will end support for Internet Explorer next year, the company said on Tuesday.",
        "For the best experience, visitors should arrive early and bring a coat, organisers said.",
    ];
    let mut body: Vec<&str> = BODY.to_vec();
    body.splice(1..1, lookalikes.iter().copied());
    let raw = format!("{TITLE}\n\n{}\n", body.join("\n\n"));
    let config = Config::default();
    let e = import::explain::explain(raw.as_bytes(), "x.txt", &config, &rules()).unwrap();
    assert!(e.removed.is_empty(), "{:?}", e.removed);
    let (draft, _) = import::clean_one(&raw, "x.txt", &config, &rules(), false).unwrap();
    let got: Vec<String> = draft.blocks.iter().map(|b| b.text()).collect();
    assert_eq!(got, body);
}
