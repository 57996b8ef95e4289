#!/usr/bin/env python3
"""Held-out measure of `broadsheet import`'s cleaner on real articles wrapped in debris.

    python3 benches/heldout_debris.py [--n 400] [--seed 11] [--binary target/release/broadsheet]
                                      [--keep DIR] [--out /tmp/heldout] [--corpus wikinews]
                                      [--control 0.15] [--explain-limit 12] [--catalogue a|b]

--catalogue b swaps CATALOGUE, DATELINES and TITLE_SUFFIXES for the second catalogue in
benches/heldout_forms_b.py (written independently of catalogue A, also without reading
the cleaner); the in-text forms and the scoring are the same.

What it measures
----------------
Real, clean news text (English Wikinews 2019-2020, read at run time from
../shared/corpora/wikinews-2019-2020/; optionally the BBC 2005 set, research use
only) is taken as ground truth: title = line 1, paragraphs = blank-line separated
blocks. Each article (seeded RNG) is wrapped in 1-4 kinds of the leftovers that
real news sites, wire services and scrapers leave, drawn from CATALOGUE below
(about 30 kinds, 250+ forms, written from how BBC, CNN, Reuters, AP, AFP, the
Guardian, NYT, Al Jazeera, Fox, NDTV, the Times of India, the Daily Mail, local US
papers and TV, WordPress/Substack blogs and Yahoo/MSN syndication publish), at
realistic positions: after the title (top), between paragraphs (mid), after the
last paragraph (bottom), in front of the first paragraph (wire datelines), inside
paragraph text (HTML character references, mojibake, stray tags, zero-width and
no-break spaces) and in the title (site-name suffixes, entities). About 15 % of the
articles get no debris at all (control group). The catalogue was written without
reading the cleaner's rules (src/ and tests/ were not read): it is held out.

The wrapped files are imported with `broadsheet import` into a fresh site made by
`broadsheet init` (one site per batch, so no source article occurs twice in a
site), and every written page's title and body are read back:

- clean      = % of articles whose body has no debris left: no inserted debris
               line or fragment occurs more often in the body than in the original
               article, no part of an inserted debris line survives as extra text,
               and no unexplained extra block is left (an article with no page
               written counts as not clean).
- titles     = % of articles whose front-matter title equals the original title.
- paragraphs = % of the original paragraphs found exactly in the body.
- control    = the paragraph score (and clean) of the control group alone; it
               must be 100 %.

Comparison ("the same normalisation the importer may legitimately do"): runs of
ASCII whitespace (space, tab, CR, LF) become one space and blocks are stripped, on
both sides; on the Markdown side, backslash escapes are undone, a leading `#`
heading marker is dropped (short lines become subheadings), and `*em*`, `**strong**`
and `[text](url)` are reduced to their text (an importer may turn <em>/<a> into
Markdown). Nothing else is forgiven: an entity, mojibake sequence, zero-width or
no-break space inserted into article text must come out as the original
characters (a `&nbsp;` or U+00A0 put where the original had a space must come out
as a space), and a paragraph must not be merged, split or trimmed.

Outputs: a summary with `SCORE clean=.. titles=.. paragraphs=..`, a per-kind table
(inserted, left in) on stdout and in OUT/summary.txt, and OUT/failures.txt listing,
for every failing article, the debris forms left in (exact strings), the article
paragraphs lost or altered (with a diff) and, for the first few, the output of
`broadsheet import --explain FILE`.

This is a manual benchmark: nothing here runs in CI, and it needs the shared
corpora, which are not part of the repository.

Articles from English Wikinews (https://en.wikinews.org), licensed CC BY 2.5. Each
article's source page is listed in the corpus's index.tsv. Text is read at run
time and wrapped in generated debris; nothing of it is stored in this repository.
"""

import argparse
import difflib
import html
import random
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"

# --------------------------------------------------------------------------------------
# Pools used to fill the templates (all invented).
# --------------------------------------------------------------------------------------

POOLS = {
    "NAME": [
        "Maria Lopez", "James Whitfield", "Priya Raman", "Tom Hadley", "Aisha Okafor",
        "Daniel Brennan", "Sofia Marchetti", "Kenji Watanabe", "Laura Kessler",
        "Mohammed Al-Rashid", "Hannah Cole", "Rahul Verma", "Emily Tran", "Olivier Dubois",
        "Grace Mwangi", "Peter Novak", "Chen Wei", "Sarah O'Neill", "Lucas Ferreira",
        "Anna Kowalska", "Michael Grant", "Fatima Zahra", "Robert Haines", "Elena Petrova",
        "Jonathan Reyes", "Nadia Haddad", "Ian McAllister", "Kavita Sharma", "Ben Ashford",
        "Yuki Tanaka", "Carlos Mendoza", "Julia Brandt", "Andrew Osei", "Rebecca Lindqvist",
    ],
    "OUTLET": [
        "The Herald", "The Seattle Times", "Chicago Tribune", "The Denver Post",
        "Hindustan Times", "The Times of India", "The Independent", "Yahoo News",
        "The Conversation", "Kaiser Health News", "ProPublica", "The Hill", "Business Insider",
        "CBS News", "NBC News", "Star Tribune", "Tampa Bay Times", "The Sydney Morning Herald",
        "The Irish Times", "Gulf News", "The Straits Times", "The Globe and Mail",
    ],
    "DOMAIN": [
        "heraldnews.com", "dailyexpress.co.uk", "citytimes.com", "newsweek.com",
        "thepostgazette.com", "starobserver.com.au", "indiatoday.in", "localnews8.com",
    ],
    "CITY": [  # (dateline capitals form, title-case form)
        ("WASHINGTON", "Washington"), ("NEW YORK", "New York"), ("LONDON", "London"),
        ("PARIS", "Paris"), ("BERLIN", "Berlin"), ("BRUSSELS", "Brussels"),
        ("MOSCOW", "Moscow"), ("BEIJING", "Beijing"), ("TOKYO", "Tokyo"), ("SEOUL", "Seoul"),
        ("NEW DELHI", "New Delhi"), ("MUMBAI", "Mumbai"), ("ISLAMABAD", "Islamabad"),
        ("KABUL", "Kabul"), ("CAIRO", "Cairo"), ("JERUSALEM", "Jerusalem"),
        ("BEIRUT", "Beirut"), ("ANKARA", "Ankara"), ("GENEVA", "Geneva"),
        ("SYDNEY", "Sydney"), ("OTTAWA", "Ottawa"), ("MEXICO CITY", "Mexico City"),
        ("SAO PAULO", "Sao Paulo"), ("JOHANNESBURG", "Johannesburg"), ("NAIROBI", "Nairobi"),
        ("LAGOS", "Lagos"), ("MADRID", "Madrid"), ("ROME", "Rome"), ("HONG KONG", "Hong Kong"),
        ("SINGAPORE", "Singapore"), ("MANILA", "Manila"), ("BANGKOK", "Bangkok"),
        ("DUBAI", "Dubai"), ("TEHRAN", "Tehran"), ("BAGHDAD", "Baghdad"), ("KYIV", "Kyiv"),
        ("CHICAGO", "Chicago"), ("LOS ANGELES", "Los Angeles"), ("ATLANTA", "Atlanta"),
        ("HOUSTON", "Houston"), ("SEATTLE", "Seattle"), ("BOSTON", "Boston"),
    ],
    "USCITY_STATE": [
        "DES MOINES, Iowa", "SACRAMENTO, Calif.", "AUSTIN, Texas", "COLUMBUS, Ohio",
        "MADISON, Wis.", "TALLAHASSEE, Fla.", "HARRISBURG, Pa.", "SPRINGFIELD, Ill.",
        "ALBANY, N.Y.", "PHOENIX, Ariz.", "DENVER, Colo.", "RALEIGH, N.C.",
    ],
    "INTL_COUNTRY": [
        "SEOUL, South Korea", "KABUL, Afghanistan", "BANGKOK, Thailand", "CAIRO, Egypt",
        "ISLAMABAD, Pakistan", "JOHANNESBURG, South Africa", "MEXICO CITY, Mexico",
        "TOKYO, Japan", "MANILA, Philippines", "NAIROBI, Kenya", "BAGHDAD, Iraq",
    ],
    "CALLSIGN": ["KDAF", "WJW", "CBSLA", "WGN", "KTLA", "WPIX", "KXAN", "WFLA", "WKRN"],
    "MONTH": ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"],
    "MON3": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "MONAP": ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
              "Oct.", "Nov.", "Dec."],
    "MONR": ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct",
             "Nov", "Dec"],
    "WDAY": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "WDAY3": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "TZ": ["EST", "EDT", "GMT", "BST", "IST", "PST", "ET", "CET", "AEDT"],
    "YEAR": ["2019", "2020"],
    "AGENCY": ["Getty Images", "Reuters", "AFP", "EPA", "AP", "PA Media", "Shutterstock",
               "Alamy", "AFP via Getty Images", "EPA-EFE", "Bloomberg"],
    "HEADLINE": [
        "Storm leaves thousands without power across the region",
        "Central bank holds interest rates steady amid inflation fears",
        "Police appeal for witnesses after overnight stabbing",
        "Five things to know about the new tax rules",
        "Opposition leader calls for early election",
        "Airline cancels hundreds of flights as strike continues",
        "Scientists discover new species of deep-sea fish",
        "Petrol prices hit a three-year high",
        "City council approves controversial housing plan",
        "Former minister charged with corruption",
        "Wildfire forces evacuation of mountain towns",
        "Stocks slide as trade talks stall",
        "Hospital waiting lists reach record levels",
        "Teenager rescued after three days lost in forest",
        "Why the housing market is cooling",
        "Star striker ruled out for rest of season",
        "Government unveils plan to cut emissions by half",
        "Protesters clash with police outside parliament",
        "How the pandemic changed the way we work",
        "Tech giant fined over data breach",
        "Rail fares to rise by 3% next year",
        "Floods: Emergency services stretched to the limit",
        "President signs executive order on border security",
        "Magnitude 6.1 earthquake strikes off the coast",
        "Court rules in favour of striking teachers",
        "Museum returns looted artefacts to Nigeria",
        "Analysis: What the result means for the economy",
        "Millions told to stay at home as cases rise",
        "Celebrity chef opens restaurant in hometown",
        "The week in pictures",
        "Dramatic rescue caught on camera",
        "Mayor resigns after expenses scandal",
        "Drought threatens harvest across the south",
        "New vaccine shows promise in early trials",
        "Border crossing reopens after two weeks",
        "Record crowds expected at weekend festival",
        "Man jailed for 12 years over pension fraud",
        "Oil prices tumble on weak demand",
        "Lawmakers vote to delay budget",
        "Inside the race to build a better battery",
        "Schools to reopen next month, minister says",
        "Coronavirus: What are the new rules?",
        "Timeline: How the crisis unfolded",
        "Live updates: Results as they come in",
        "Opinion: It's time to rethink our cities",
        "In pictures: Lantern festival lights up the night",
    ],
    "CLICKBAIT": [
        "Doctors Stunned: This Simple Trick Melts Belly Fat",
        "Seniors Are Loving This New Gadget",
        "The Most Beautiful Beaches You've Never Heard Of",
        "Here's What a New Roof Should Cost You in 2020",
        "You Won't Believe What These Child Stars Look Like Now",
        "This Game Will Keep You Up All Night",
        "Homeowners Are Trading In Their Doorbells For This $50 Gadget",
        "The Smartest Way to Pay Off Your Credit Card Debt",
    ],
    "SPONSOR": ["Sponsored", "Sponsored | SmartLifeDaily", "Ad | BuzzDaily", "Promoted",
                "(Sponsored)", "Sponsored by HealthyLiving"],
    "TOPIC": ["Coronavirus pandemic", "US election 2020", "Climate change", "European Union",
              "Brexit", "Wildfires", "UK economy", "China", "Protests", "Football",
              "Middle East", "Immigration", "Supreme Court", "Elections", "Health"],
    "CAPTION": [
        "Rescue workers search the rubble on Tuesday",
        "Protesters gather outside the parliament building",
        "The company's headquarters in the city centre",
        "Voters queue at a polling station",
        "Firefighters battle the blaze overnight",
        "A general view of the stadium before the match",
        "Officials speak to reporters at a press conference",
        "Police officers stand guard near the scene",
        "Residents wade through flood water",
        "The minister arrives for a cabinet meeting",
    ],
    "DASH": ["—", "—", "—", "–", "-", "--"],
    "SEP": [" | ", " · ", " • ", "  ", " / ", " "],
}

# --------------------------------------------------------------------------------------
# The catalogue. Line debris: (kind, positions, template); positions among top, mid,
# bottom (or prefix for datelines, title for titles). "\n" separates the lines of a
# block (rendered with single or blank-line separators). {ITEMS:style} expands to
# 3-6 teaser lines. In-text forms are functions, listed in TEXT_FORMS below.
# --------------------------------------------------------------------------------------

T, M, B = "top", "mid", "bottom"
TM, TB, MB, TMB = (T, M), (T, B), (M, B), (T, M, B)

CATALOGUE = [
    # ---- social share widgets -------------------------------------------------------
    ("share", TB, "Share this article"),
    ("share", TB, "Share"),
    ("share", TB, "Share on Facebook Share on Twitter Share via Email"),
    ("share", TB, "Facebook\nTwitter\nLinkedIn\nEmail"),
    ("share", TB, "Share: Facebook | Twitter | WhatsApp | Email"),
    ("share", TB, "Share this with\nEmail\nFacebook\nMessenger\nTwitter\nPinterest\nWhatsApp\nLinkedIn\nCopy this link"),
    ("share", TB, "Share\nclose panel\nShare page\nCopy link\nAbout sharing"),
    ("share", TB, "Facebook Twitter Email Print"),
    ("share", TB, "{K}\nShares\nShare\nTweet\nPin"),
    ("share", TB, "👍 Like  💬 Comment  ↗ Share"),
    ("share", TB, "📧 Email | 🐦 Tweet | 📘 Share"),
    ("share", TB, "Share this story: Facebook · Twitter · LinkedIn · Reddit"),
    ("share", TB, "SHARE THIS ARTICLE"),
    ("share", TB, "Share via: Facebook, Twitter, WhatsApp, Telegram"),
    ("share", TB, "Share on WhatsApp"),
    ("share", TB, "Click to share on Twitter (Opens in new window)\nClick to share on Facebook (Opens in new window)\nClick to email a link to a friend (Opens in new window)"),
    ("share", B, "Share this:\nTwitter\nFacebook\nLike this:\nLike Loading..."),
    ("share", TB, "Share on Facebook\nShare on Twitter\nShare via Email\nShare on LinkedIn\nShare on Pinterest\nShare on WhatsApp\nShare on Messenger"),
    ("share", T, "Shares\n{COUNT}"),
    ("share", TB, "Copy link to clipboard\nLink copied!"),
    ("share", TB, "Share on X"),
    ("share", TB, "Email this article"),
    ("share", T, "Give this article\nShare\nRead in app"),
    ("share", T, "Share full article"),
    ("share", TB, "Share{SEP}Tweet{SEP}Email{SEP}Save"),
    ("share", TB, "Tweet{SEP}Share{SEP}Share{SEP}Email"),
    ("share", TB, "Share this post\nCopy link\nFacebook\nEmail\nNotes\nMore"),
    ("share", TB, "Share with Facebook\nShare with Twitter\nShare with LinkedIn\nShare with Email"),
    # ---- bylines -------------------------------------------------------------------
    ("byline", T, "By {NAME}"),
    ("byline", T, "By {NAME}, Reuters"),
    ("byline", T, "By {NAME} and {NAME2}"),
    ("byline", T, "By {NAME}, Associated Press"),
    ("byline", T, "By {NAME} | {OUTLET}"),
    ("byline", T, "{NAME}, Staff Writer"),
    ("byline", T, "{NAME}\nStaff Writer"),
    ("byline", T, "BY {NAME_UC}, Associated Press"),
    ("byline", T, "By {NAME}\nBBC News, {CITY_T}"),
    ("byline", T, "By {NAME}\nBusiness reporter, BBC News"),
    ("byline", T, "{NAME} in {CITY_T}"),
    ("byline", T, "By {NAME}, CNN"),
    ("byline", T, "Written by {NAME}"),
    ("byline", T, "Posted by {NAME}"),
    ("byline", T, "{NAME} | TNN | Updated: {MON3} {D}, {YEAR}, {HH}:{MM} IST"),
    ("byline", T, "Edited by {NAME} | Press Trust of India"),
    ("byline", T, "Author: {NAME}"),
    ("byline", T, "By {NAME} For Dailymail.com"),
    ("byline", T, "By {NAME_UC} FOR MAILONLINE"),
    ("byline", T, "By Reuters Staff"),
    ("byline", T, "By AFP"),
    ("byline", T, "{NAME}, Special to The Washington Post"),
    ("byline", T, "By {NAME}\n{YEAR_MD}"),
    ("byline", T, "{NAME} {DASH} {OUTLET}"),
    ("byline", T, "Reuters Staff\n{N} Min Read"),
    # ---- time stamps ----------------------------------------------------------------
    ("timestamp", T, "Published {N} hours ago"),
    ("timestamp", T, "Published\n{N} hours ago"),
    ("timestamp", T, "{D} {MONTH} {YEAR}"),
    ("timestamp", T, "Updated: {TIME12} EST, {WDAY3} {MONTH} {D}, {YEAR}"),
    ("timestamp", T, "Updated {TIME12} ET, {WDAY3} {MONTH} {D}, {YEAR}"),
    ("timestamp", TB, "First published on {WDAY3} {D} {MON3} {YEAR} {HH}.{MM} GMT"),
    ("timestamp", TB, "Last modified on {WDAY3} {D} {MON3} {YEAR} {HH}.{MM} GMT"),
    ("timestamp", T, "{MONTH} {D}, {YEAR} / {TIME12} / Updated {N} hours ago"),
    ("timestamp", T, "Published {MONTH} {D}, {YEAR}"),
    ("timestamp", T, "Posted: {MON3} {D}, {YEAR} / {TIME12} {TZ}"),
    ("timestamp", T, "Posted on {MONTH} {D}, {YEAR} by admin"),
    ("timestamp", T, "Last Updated: {MON3} {D}, {YEAR}, {HH}:{MM} IST"),
    ("timestamp", T, "{D} {MON3} {YEAR}"),
    ("timestamp", T, "{N} min ago"),
    ("timestamp", T, "Updated {N} minutes ago"),
    ("timestamp", T, "PUBLISHED: {HH}:{MM} EST, {D} {MONTH} {YEAR} | UPDATED: {HH}:{MM} EST, {D} {MONTH} {YEAR}"),
    ("timestamp", T, "{YEAR}-{MM2}-{DD2}T{HH}:{MM}:00Z"),
    ("timestamp", T, "{WDAY} {D} {MONTH} {YEAR} {HH}:{MM} GMT"),
    ("timestamp", T, "{MONAP} {D}, {YEAR}"),
    ("timestamp", T, "Updated on: {MONTH} {D}, {YEAR} {HH}:{MM} IST"),
    # ---- reporting and editing credits --------------------------------------------
    ("credit", B, "Reporting by {NAME}; Editing by {NAME2}"),
    ("credit", B, "Reporting by {NAME} in {CITY_T}; Additional reporting by {NAME2} in {CITY2_T}; Writing by {NAME3}; Editing by {NAME4}"),
    ("credit", B, "Additional reporting by {NAME}"),
    ("credit", B, "Compiled by {NAME}"),
    ("credit", B, "(Reporting by {NAME}; Editing by {NAME2})"),
    ("credit", B, "Associated Press writer {NAME} in {CITY_T} contributed to this report."),
    ("credit", B, "The Associated Press contributed to this report."),
    ("credit", B, "{NAME} contributed reporting from {CITY_T}."),
    ("credit", B, "With inputs from PTI"),
    ("credit", B, "(With inputs from agencies)"),
    ("credit", B, "(Except for the headline, this story has not been edited by NDTV staff and is published from a syndicated feed.)"),
    ("credit", B, "This story has been published from a wire agency feed without modifications to the text."),
    ("credit", B, "CNN's {NAME} contributed to this report."),
    ("credit", B, "Fox News' {NAME} contributed to this report."),
    ("credit", B, "Editing by {NAME} and {NAME2}"),
    ("credit", B, "Writing by {NAME}; editing by {NAME2}"),
    ("credit", B, "(This story has not been edited by Business Standard staff and is auto-generated from a syndicated feed.)"),
    ("credit", B, "--With assistance from {NAME}."),
    ("credit", B, "To contact the reporter on this story:\n{NAME} in {CITY_T} at {EMAIL}\nTo contact the editors responsible for this story:\n{NAME2} at {EMAIL2}"),
    ("credit", B, "___\nAssociated Press writers {NAME} and {NAME2} contributed to this report."),
    ("credit", B, "Enditem"),
    ("credit", B, "Reporting By {NAME}; Editing By {NAME2}"),
    ("credit", B, "— {NAME}, {OUTLET}"),
    ("credit", B, "bur-{INI}/{INI2}"),
    ("credit", B, "(Reporting by {NAME} and {NAME2} in {CITY_T}; Editing by {NAME3})"),
    # ---- copyright and wire boilerplate -------------------------------------------
    ("copyright", B, "Copyright {YEAR} The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."),
    ("copyright", B, "Copyright {YEAR} The Associated Press. All rights reserved."),
    ("copyright", B, "© {YEAR} Reuters"),
    ("copyright", B, "Copyright © {YEAR}, {OUTLET}"),
    ("copyright", B, "© {YEAR} BBC"),
    ("copyright", B, "© {YEAR} Cable News Network. A Warner Media Company. All Rights Reserved."),
    ("copyright", B, "Copyright {YEAR} Nexstar Media Inc. All rights reserved. This material may not be published, broadcast, rewritten, or redistributed."),
    ("copyright", B, "©{YEAR} FOX News Network, LLC. All rights reserved."),
    ("copyright", B, "© Copyright {YEAR} Al Jazeera Media Network"),
    ("copyright", B, "(c) {YEAR} Agence France-Presse"),
    ("copyright", B, "© Agence France-Presse"),
    ("copyright", B, "Copyright {YEAR} Scripps Media, Inc. All rights reserved. This material may not be published, broadcast, rewritten, or redistributed."),
    ("copyright", B, "All rights reserved."),
    ("copyright", B, "© {YEAR} The New York Times Company"),
    ("copyright", B, "Copyright © {YEAR} HT Media Limited All rights reserved."),
    ("copyright", B, "Copyright © {YEAR} Bennett, Coleman & Co. Ltd. All rights reserved."),
    ("copyright", B, "Copyright {YEAR} {OUTLET}. All rights reserved."),
    ("copyright", B, "©{YEAR} Bloomberg L.P."),
    ("copyright", B, "Copyright © {YEAR} Yahoo. All rights reserved."),
    ("copyright", B, "© Thomson Reuters {YEAR}. All rights reserved."),
    ("copyright", B, "COPYRIGHT {YEAR} CREATORS.COM"),
    ("copyright", B, "Copyright {YEAR} WFLA. All rights reserved."),
    # ---- image captions and photo credits -----------------------------------------
    ("caption", TM, "Image copyright {AGENCY}\nImage caption {CAPTION}"),
    ("caption", TM, "Image copyright {AGENCY}"),
    ("caption", TM, "Image source, {AGENCY}\nImage caption, {CAPTION}"),
    ("caption", TM, "Media caption {CAPTION}"),
    ("caption", TM, "{CAPTION}. Photograph: {NAME}/{AGENCY}"),
    ("caption", TM, "{CAPTION} (Photo: {NAME}/{AGENCY})"),
    ("caption", TM, "(Photo by {NAME}/Getty Images)"),
    ("caption", TM, "Photo: Reuters/{NAME}"),
    ("caption", TM, "FILE - In this {MONAP} {D}, {YEAR}, file photo, {CAPTION_LC}. (AP Photo/{NAME}, File)"),
    ("caption", TM, "(AP Photo/{NAME})"),
    ("caption", TM, "REUTERS/{NAME}"),
    ("caption", TM, "Credit...{NAME} for The New York Times"),
    ("caption", TM, "{CAPTION}.Credit...{NAME}/Agence France-Presse — Getty Images"),
    ("caption", TM, "Representative image"),
    ("caption", TM, "(Representational image)"),
    ("caption", TM, "File photo"),
    ("caption", TM, "toggle caption\n{NAME}/AP"),
    ("caption", TM, "Enlarge this image"),
    ("caption", TM, "Hide caption"),
    ("caption", TM, "{CAPTION} | Photo Credit: {NAME}"),
    ("caption", TM, "{CAPTION} (Image: Getty)"),
    ("caption", TM, "Photo credit should read {NAME_UC}/AFP via Getty Images"),
    ("caption", TM, "Getty Images"),
    ("caption", TM, "AFP via Getty Images"),
    ("caption", TM, "© Provided by {OUTLET}"),
    ("caption", TM, "{CAPTION} Copyright: {AGENCY}"),
    ("caption", TM, "Photo: AP"),
    ("caption", TM, "{CAPTION}. (Photo: {AGENCY})"),
    ("caption", TM, "{CAPTION} {DASH} {AGENCY}"),
    ("caption", TM, "1 of {N}\n{CAPTION}. REUTERS/{NAME}"),
    # ---- advertising slugs ---------------------------------------------------------
    ("ad", M, "Advertisement"),
    ("ad", M, "ADVERTISEMENT"),
    ("ad", M, "Story continues below advertisement"),
    ("ad", M, "Story continues below"),
    ("ad", M, "Article continues below advertisement"),
    ("ad", M, "AD"),
    ("ad", M, "Ad"),
    ("ad", M, "Sponsored"),
    ("ad", M, "Continue reading the main story"),
    ("ad", M, "Scroll to continue with content"),
    ("ad", M, "Advertisement - Scroll to Continue"),
    ("ad", M, "Ad Feedback"),
    ("ad", M, "Content continues below"),
    ("ad", M, "— Advertisement —"),
    ("ad", M, "Paid Content"),
    ("ad", M, "CONTINUE READING BELOW"),
    ("ad", M, "The article continues after this advertisement"),
    ("ad", M, "Advertisement\nAdvertisement"),
    ("ad", M, "- ADVERTISEMENT -"),
    ("ad", M, "Skip Advertisement"),
    ("ad", M, "ADVERTISING"),
    ("ad", M, "Continue reading below"),
    ("ad", M, "Story continues"),
    ("ad", M, "Advertisement:"),
    # ---- newsletter prompts --------------------------------------------------------
    ("newsletter", MB, "Sign up for our daily newsletter"),
    ("newsletter", MB, "Sign up to our free newsletter for the latest news"),
    ("newsletter", MB, "Subscribe to our newsletter"),
    ("newsletter", MB, "Sign up for The Morning newsletter from The New York Times"),
    ("newsletter", MB, "Sign up to First Edition, our free daily newsletter – every weekday morning at 7am BST"),
    ("newsletter", MB, "Enter your email address\nSign up\nThank you for signing up!"),
    ("newsletter", MB, "Get the latest news delivered to your inbox"),
    ("newsletter", MB, "By signing up you agree to our Terms of Use and Privacy Policy"),
    ("newsletter", MB, "Receive the latest politics updates in your inbox"),
    ("newsletter", MB, "Newsletter sign-up"),
    ("newsletter", MB, "Get our free Coronavirus Updates newsletter"),
    ("newsletter", MB, "Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by outside parties."),
    ("newsletter", MB, "Want more stories like this? Subscribe to our weekly newsletter."),
    ("newsletter", MB, "Subscribe to {OUTLET}'s free newsletters to get the day's top stories."),
    # ---- cookie and privacy notices -------------------------------------------------
    ("cookie", TB, "We use cookies to ensure you get the best experience on our website. By continuing to use this site you agree to our use of cookies."),
    ("cookie", TB, "This site uses cookies. Find out more."),
    ("cookie", TB, "Accept cookies"),
    ("cookie", TB, "Accept all cookies\nManage preferences"),
    ("cookie", TB, "We and our partners use cookies to personalise your experience, to show you ads based on your interests, and for measurement and analytics purposes."),
    ("cookie", TB, "Your privacy choices"),
    ("cookie", TB, "Cookie Policy"),
    ("cookie", TB, "We've updated our Privacy Policy. Please take a moment to review it."),
    ("cookie", TB, "By using this site, you agree to our Privacy Policy and our Terms of Use."),
    ("cookie", TB, "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish. Accept Read More"),
    # ---- app prompts ---------------------------------------------------------------
    ("app", TMB, "Download the NDTV app for Android and iOS"),
    ("app", TMB, "Get the BBC News app"),
    ("app", TMB, "Download our app for the latest news"),
    ("app", T, "Open in app"),
    ("app", TB, "Download The Times of India News App for Latest India News."),
    ("app", TB, "Get the app"),
    ("app", B, "Catch all the Business News, Market News, Breaking News Events and Latest News Updates on Live Mint. Download The Mint News App to get Daily Market Updates."),
    ("app", TMB, "Get breaking news alerts on your phone: download our free app."),
    ("app", TMB, "Download the Fox News App"),
    # ---- browser and media notices -------------------------------------------------
    ("notice", TM, "Media playback is unsupported on your device"),
    ("notice", TM, "Your browser does not support the video tag."),
    ("notice", B, "Please enable JavaScript to view the comments powered by Disqus."),
    ("notice", TM, "JavaScript is required to view this content."),
    ("notice", TM, "This video is no longer available"),
    ("notice", TM, "Video: {HEADLINE}"),
    ("notice", TM, "WATCH: {HEADLINE}"),
    ("notice", TM, "Now Playing\n{HEADLINE}"),
    ("notice", TM, "Play Video"),
    ("notice", TM, "Video Duration {N} minutes {NN} seconds"),
    ("notice", TM, "{N}:{SS}"),
    ("notice", TM, "Loading..."),
    ("notice", TM, "This content is not available due to your privacy preferences. Update your settings here to see it."),
    ("notice", TM, "To enjoy this video, please upgrade to a browser that supports HTML5 video"),
    ("notice", TM, "Please upgrade your browser to view this content."),
    # ---- embeds ------------------------------------------------------------------
    ("embed", M, "View this post on Instagram\nA post shared by {NAME} (@{HANDLE}) on {MON3} {D}, {YEAR} at {TIME12} PST"),
    ("embed", M, "— {NAME} (@{HANDLE}) {MONTH} {D}, {YEAR}"),
    ("embed", M, "Embed from Getty Images"),
    ("embed", M, "Watch on YouTube"),
    ("embed", M, "Skip Twitter post by {NAME}\nAllow Twitter content?\nThis article contains content provided by Twitter. We ask for your permission before anything is loaded, as they may be using cookies and other technologies.\nAccept and continue\nEnd of Twitter post by {NAME}"),
    ("embed", M, "pic.twitter.com/{TOKEN}"),
    ("embed", M, "Twitter Ad Content"),
    ("embed", M, "Skip YouTube post, 1\nAllow Google YouTube content?\nEnd of YouTube post, 1"),
    # ---- inline teasers ----------------------------------------------------------
    ("inline_teaser", M, "Read more: {HEADLINE}"),
    ("inline_teaser", M, "READ MORE: {HEADLINE}"),
    ("inline_teaser", M, "Related: {HEADLINE}"),
    ("inline_teaser", M, "RELATED: {HEADLINE}"),
    ("inline_teaser", M, "Also read | {HEADLINE}"),
    ("inline_teaser", M, "Also Read: {HEADLINE}"),
    ("inline_teaser", M, "SEE ALSO: {HEADLINE}"),
    ("inline_teaser", M, "Read: {HEADLINE}"),
    ("inline_teaser", M, "MORE: {HEADLINE}"),
    ("inline_teaser", M, "READ: {HEADLINE}"),
    ("inline_teaser", M, "Related Article: {HEADLINE}"),
    ("inline_teaser", M, "Recommended: {HEADLINE}"),
    ("inline_teaser", M, "Don't miss: {HEADLINE}"),
    ("inline_teaser", M, "[Read more: {HEADLINE}]"),
    ("inline_teaser", M, "» {HEADLINE}"),
    ("inline_teaser", M, "► Read more"),
    ("inline_teaser", M, "Live updates: {HEADLINE}"),
    ("inline_teaser", M, "RELATED STORY: {HEADLINE}"),
    ("inline_teaser", M, "Trending Now: {HEADLINE}"),
    ("inline_teaser", M, "Also see: {HEADLINE}"),
    ("inline_teaser", M, "READ MORE\n{HEADLINE}"),
    ("inline_teaser", M, "Related coverage:\n{HEADLINE}\n{HEADLINE2}"),
    ("inline_teaser", M, "Also read {DASH} {HEADLINE}"),
    ("inline_teaser", M, "ALSO READ: {HEADLINE_UC}"),
    # ---- trailing teaser blocks ----------------------------------------------------
    ("teaser_block", B, "More on this story\n{ITEMS:headline_date}"),
    ("teaser_block", B, "Related Topics\n{ITEMS:topic}"),
    ("teaser_block", B, "Most Read\n{ITEMS:headline}"),
    ("teaser_block", B, "You may also like\n{ITEMS:headline}"),
    ("teaser_block", B, "You May Also Like\n{ITEMS:headline}"),
    ("teaser_block", B, "Recommended\n{ITEMS:headline}"),
    ("teaser_block", B, "Trending\n{ITEMS:headline}"),
    ("teaser_block", B, "Top stories\n{ITEMS:headline_ago}"),
    ("teaser_block", B, "Around the web\n{ITEMS:clickbait}"),
    ("teaser_block", B, "More from Reuters\n{ITEMS:headline}"),
    ("teaser_block", B, "Related Coverage\n{ITEMS:bullet}"),
    ("teaser_block", B, "Related Articles\n{ITEMS:headline}"),
    ("teaser_block", B, "More stories\n{ITEMS:headline}"),
    ("teaser_block", B, "Popular Now\n{ITEMS:numbered}"),
    ("teaser_block", B, "What to read next\n{ITEMS:headline}"),
    ("teaser_block", B, "Editor's Picks\n{ITEMS:headline}"),
    ("teaser_block", B, "MOST POPULAR\n{ITEMS:numbered}"),
    ("teaser_block", B, "Most Viewed\n{ITEMS:headline}"),
    ("teaser_block", B, "Latest News\n{ITEMS:headline_ago}"),
    ("teaser_block", B, "Read next\n{ITEMS:headline}"),
    ("teaser_block", B, "Up Next\n{ITEMS:headline}"),
    ("teaser_block", B, "More in Politics\n{ITEMS:headline}"),
    ("teaser_block", B, "Related News\n{ITEMS:headline}"),
    ("teaser_block", B, "From the web\n{ITEMS:clickbait}"),
    ("teaser_block", B, "Promoted Links\n{ITEMS:clickbait}"),
    ("teaser_block", B, "Sponsored Stories\n{ITEMS:clickbait}"),
    ("teaser_block", B, "Related Internet Links\n{ITEMS:sites}\nThe BBC is not responsible for the content of external sites."),
    ("teaser_block", B, "Elsewhere on {OUTLET}\n{ITEMS:headline}"),
    ("teaser_block", B, "Top Stories:\n{ITEMS:bullet}"),
    ("teaser_block", B, "More from {OUTLET}:\n{ITEMS:headline}"),
    ("teaser_block", B, "Features & Analysis\n{ITEMS:headline}"),
    ("teaser_block", B, "RECOMMENDED FOR YOU\n{ITEMS:headline}"),
    # ---- calls to action -----------------------------------------------------------
    ("click_here", MB, "Click here to subscribe"),
    ("click_here", MB, "Click here for more coverage"),
    ("click_here", MB, "CLICK HERE TO GET THE FOX NEWS APP"),
    ("click_here", MB, "CLICK HERE FOR MORE SPORTS COVERAGE ON FOXNEWS.COM"),
    ("click_here", MB, "Click here to read the full report"),
    ("click_here", MB, "Click here to sign up for our newsletter"),
    ("click_here", MB, "Click here to join our WhatsApp group"),
    ("click_here", MB, "Tap here to follow the live blog"),
    ("click_here", MB, "Click here for the latest news on the coronavirus outbreak."),
    ("click_here", MB, "CLICK HERE TO READ MORE ON {DOMAIN_UC}"),
    # ---- follow prompts ------------------------------------------------------------
    ("follow", B, "Follow us on Twitter"),
    ("follow", B, "Follow us on Twitter @{HANDLE}"),
    ("follow", B, "Follow {NAME} on Twitter: @{HANDLE}"),
    ("follow", B, "Follow us on Facebook, Twitter and Instagram"),
    ("follow", B, "Follow @{HANDLE}"),
    ("follow", B, "Like us on Facebook"),
    ("follow", B, "Join our Telegram channel for the latest updates"),
    ("follow", B, "Follow us on Google News"),
    ("follow", B, "Follow BBC News on Twitter and Instagram. If you have a story suggestion email {EMAIL}."),
    ("follow", B, "Follow {OUTLET} on Twitter, Facebook and Instagram."),
    ("follow", B, "Follow {NAME} on Twitter."),
    # ---- standards and policy footers ----------------------------------------------
    ("standards", B, "Our Standards: The Thomson Reuters Trust Principles."),
    ("standards", B, "Our Standards:The Thomson Reuters Trust Principles."),
    ("standards", B, "The Thomson Reuters Trust Principles"),
    ("standards", B, "Read about our approach to external linking."),
    ("standards", B, "Read our editorial guidelines"),
    ("standards", B, "Why you can trust BBC News"),
    ("standards", B, "Report an error\nEditorial Policies"),
    # ---- provenance lines ----------------------------------------------------------
    ("originally", B, "This article was originally published on The Conversation. Read the original article."),
    ("originally", B, "This story was originally published on {OUTLET}."),
    ("originally", B, "Originally published on {MONTH} {D}, {YEAR}"),
    ("originally", B, "A version of this article appears in print on {MONTH} {D}, {YEAR}, Section A, Page {N} of the New York edition with the headline: {HEADLINE}."),
    ("originally", B, "This article first appeared on {OUTLET}."),
    ("originally", B, "This story first appeared in {OUTLET}."),
    ("originally", B, "Republished with permission from {OUTLET}."),
    ("originally", B, "This article is republished from The Conversation under a Creative Commons license."),
    ("originally", B, "This post originally appeared on {DOMAIN}."),
    ("originally", B, "This article originally appeared on {OUTLET}: {HEADLINE}"),
    # ---- contact lines -------------------------------------------------------------
    ("contact", B, "Contact the author at {EMAIL}"),
    ("contact", B, "Contact {NAME} at {EMAIL}"),
    ("contact", B, "{NAME} can be reached at {EMAIL}."),
    ("contact", B, "Email: {EMAIL}"),
    ("contact", B, "Reach {NAME} at {EMAIL} or follow on Twitter @{HANDLE}."),
    ("contact", B, "Have a news tip? Email us at tips@{DOMAIN}"),
    ("contact", B, "Got a story? Email news@{DOMAIN}"),
    ("contact", B, "Contact us at letters@time.com."),
    ("contact", B, "Write to {NAME} at {EMAIL}"),
    # ---- comments ------------------------------------------------------------------
    ("comments", B, "Comments"),
    ("comments", B, "Join the conversation"),
    ("comments", B, "{NN} Comments"),
    ("comments", B, "Leave a comment"),
    ("comments", B, "Comments are closed."),
    ("comments", B, "View comments"),
    ("comments", B, "Show comments"),
    ("comments", B, "Commenting has been disabled for this article"),
    ("comments", B, "Add your comment"),
    ("comments", B, "Be the first to comment"),
    ("comments", B, "Comments ({NN})"),
    ("comments", B, "Leave a Reply Cancel reply\nYour email address will not be published. Required fields are marked *"),
    # ---- listen, reading time, tools ------------------------------------------------
    ("reading_time", T, "Listen to this article 4 min"),
    ("reading_time", T, "Listen to this article"),
    ("reading_time", T, "Reading time: {N} minutes"),
    ("reading_time", T, "{N} min read"),
    ("reading_time", T, "{N}-minute read"),
    ("reading_time", T, "Estimated reading time: {N} minutes"),
    ("reading_time", T, "Listen · {N}:{SS} min"),
    ("reading_time", T, "Audio available"),
    ("reading_time", T, "Listen to article{SEP}{N} minutes"),
    ("tools", TB, "Print"),
    ("tools", TB, "Print this page"),
    ("tools", TB, "Email"),
    ("tools", TB, "Save for later"),
    ("tools", TB, "Text size A A A"),
    ("tools", TB, "Font Size: A- A+"),
    ("tools", TB, "Save Article"),
    ("tools", TB, "Bookmark"),
    ("tools", TB, "Print{SEP}Email{SEP}Facebook{SEP}Twitter"),
    # ---- paywall and support asks --------------------------------------------------
    ("paywall", B, "Subscribe to continue reading."),
    ("paywall", B, "This article is for subscribers only."),
    ("paywall", B, "Already a subscriber? Log in"),
    ("paywall", B, "Create a free account to continue reading"),
    ("paywall", B, "You have reached your limit of free articles this month."),
    ("paywall", B, "Subscribe now for unlimited access"),
    ("paywall", B, "Register now for FREE unlimited access to Reuters.com\nRegister"),
    ("paywall", B, "Since you're here... we have a small favour to ask. More people are reading and supporting our independent, investigative reporting than ever before. Support us from as little as £1 – it only takes a minute. Thank you."),
    ("paywall", B, "Support independent journalism\nDonate"),
    # ---- topics and tag lines --------------------------------------------------------
    ("topics", B, "Topics: {TOPIC}, {TOPIC2}, {TOPIC3}"),
    ("topics", B, "Tags: {TOPIC}, {TOPIC2}"),
    ("topics", B, "Filed under: {TOPIC}"),
    ("topics", B, "Categories: World News"),
    ("topics", B, "Posted in World | Tagged {TOPIC}, {TOPIC2}"),
    ("topics", B, "More about:\n{TOPIC}\n{TOPIC2}\n{TOPIC3}"),
    ("topics", B, "TOPICS: {TOPIC_UC}"),
    ("topics", B, "Explore more on these topics\n{TOPIC}\n{TOPIC2}\nnews"),
    # ---- menus of whole-page text -------------------------------------------------
    ("nav", T, "Skip to main content"),
    ("nav", T, "Skip to content"),
    ("nav", T, "Home > News > World"),
    ("nav", T, "Home › World › Europe"),
    ("nav", T, "News | Sport | Weather | iPlayer | Sounds"),
    ("nav", T, "Menu"),
    ("nav", T, "Sign in"),
    ("nav", T, "Live TV"),
    ("nav", T, "Home\nNews\nSport\nBusiness"),
    ("nav", T, "You are here: Home / World"),
    ("nav", T, "Sections\nSEARCH\nSkip to content"),
    # ---- stray markup and script lines ---------------------------------------------
    ("tag", TMB, "</div>"),
    ("tag", T, '<div class="story-body">'),
    ("tag", M, "<!-- wp:paragraph -->"),
    ("tag", M, "<p>&nbsp;</p>"),
    ("tag", M, "<br>"),
    ("tag", M, "</p>"),
    ("tag", M, "<hr />"),
    ("script", MB, "googletag.cmd.push(function() { googletag.display('div-gpt-ad-{NN}'); });"),
    ("script", MB, "window._taboola = window._taboola || [];"),
    ("script", MB, "(adsbygoogle = window.adsbygoogle || []).push({});"),
    ("script", MB, "var _comscore = _comscore || [];"),
    ("script", MB, "document.getElementById('embed-{NN}').style.display = 'none';"),
]

# Wire and agency datelines, put in front of the first paragraph.
DATELINES = [
    "{CITY_UC} (AP) {DASH} ",
    "{USCITY_STATE} (AP) {DASH} ",
    "{INTL_COUNTRY} (AP) — ",
    "(AP) — ",
    "{CITY_UC}, {MONR} {D} (Reuters) - ",
    "{CITY_UC} (Reuters) - ",
    "(Reuters) - ",
    "{CITY_UC}, {MONR} {D} (Reuters Health) - ",
    "{CITY_UC} (Thomson Reuters Foundation) - ",
    "{CITY_T} (AFP) - ",
    "{CITY_UC} (AFP) — ",
    "{CITY_UC}, {MONTH} {D}, {YEAR} (AFP) - ",
    "(CNN) — ",
    "(CNN)",
    "{CITY_T} (CNN) — ",
    "(CNN Business) — ",
    "{CITY_T}: ",
    "{CITY_UC}: ",
    "{CITY_UC}, {MONAP} {D} (Xinhua) -- ",
    "(Bloomberg) -- ",
    "{CITY_UC}, {MONAP} {D} (UPI) -- ",
    "{CITY_T} [India], {MONTH} {D} (ANI): ",
    "{CITY_T}, {MON3} {D} (PTI) ",
    "{CITY_T}, {MON3} {D} (IANS) ",
    "{CITY_UC}, {MONTH} {D}. /TASS/. ",
    "{CITY_T} (dpa) - ",
    "{CITY_UC} {DASH} ",
    "{USCITY_STATE} {DASH} ",
    "{CITY_UC} ({CALLSIGN}) — ",
    "{CITY_UC}, {MONTH} {D} (Yonhap) -- ",
    "{CITY_UC} (Kyodo) -- ",
    "{CITY_UC}, {MONTH} {D} (EFE).- ",
    "NEW YORK (CNNMoney) — ",
    "NEW YORK (MarketWatch) -- ",
    "{CITY_UC}, {MON3} {D}, {YEAR} /PRNewswire/ -- ",
    "{CITY_UC}(AP) — ",
    "{CITY_UC}  (Reuters)  -  ",
]

# Title leftovers: site names after the headline.
TITLE_SUFFIXES = [
    " - BBC News", " | Reuters", " | CNN Politics", " | World news | The Guardian",
    " | AP News", " - The New York Times", " | Fox News", " | News | Al Jazeera",
    " - Times of India", " | Daily Mail Online", " - Yahoo News", " | NDTV", " - CNN",
    " | The Independent", " - Reuters", " – The Guardian", " | Hindustan Times",
    " :: WRAL.com", " | Local News | {OUTLET}",
]

HOOKS = None  # with --catalogue b: heldout_forms_b (extra placeholders and item styles)


def use_catalogue(name):
    """Swaps in catalogue B's tables and pools ("a" leaves everything as it is)."""
    global CATALOGUE, DATELINES, TITLE_SUFFIXES, HOOKS
    if name == "b":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import heldout_forms_b as b
        POOLS.update(b.POOLS)
        CATALOGUE, DATELINES, TITLE_SUFFIXES, HOOKS = b.CATALOGUE, b.DATELINES, b.TITLE_SUFFIXES, b


KIND_WEIGHTS = {"share": 2, "ad": 2, "byline": 2, "timestamp": 2, "dateline": 2,
                "caption": 2, "inline_teaser": 2, "teaser_block": 2, "credit": 2}

# --------------------------------------------------------------------------------------
# In-text forms: functions (rng, ground-truth paragraph) -> (new ground truth, dirty
# text, fragments that must not survive) or None when the paragraph does not suit.
# The ground truth may be changed (an ASCII apostrophe becoming ’) so that the dirty
# text decodes to it exactly.
# --------------------------------------------------------------------------------------

APOS = re.compile(r"(?<=[A-Za-z])'(?=[A-Za-z])")
QUOTE_PAIR = re.compile(r'"([^"\n]{2,200})"')
SPACE = re.compile(r"(?<=[A-Za-z,.]) (?=[A-Za-z])")
WORD = re.compile(r"\b[A-Za-z]{7,}\b")
SENTENCE_GAP = re.compile(r"(?<=[a-z][.!?]) (?=[A-Z])")
UNDEFINED_1252 = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def sloppy_1252(data):
    """Decode bytes as Windows-1252 the way broken pipelines do (undefined bytes kept as C1)."""
    return "".join(chr(b) if b in UNDEFINED_1252 else bytes([b]).decode("cp1252") for b in data)


def mojibake(s):
    return sloppy_1252(s.encode("utf-8"))


def _pick(rng, pattern, text):
    hits = list(pattern.finditer(text))
    return rng.choice(hits) if hits else None


def _splice(text, m, new):
    return text[: m.start()] + new + text[m.end():]


def f_apostrophe(ref):
    def f(rng, p):
        m = _pick(rng, APOS, p)
        if not m:
            return None
        return _splice(p, m, "’"), _splice(p, m, ref), [ref]
    return f


def f_ascii_apostrophe(ref):
    def f(rng, p):
        m = _pick(rng, APOS, p)
        if not m:
            return None
        return p, _splice(p, m, ref), [ref]
    return f


def f_amp(rng, p):
    if "&" in p:
        return p, p.replace("&", "&amp;"), ["&amp;"]
    m = _pick(rng, re.compile(r"(?<= )and(?= )"), p)
    if not m:
        return None
    return _splice(p, m, "&"), _splice(p, m, "&amp;"), ["&amp;"]


def f_quot(rng, p):
    if '"' not in p:
        return None
    return p, p.replace('"', "&quot;"), ["&quot;"]


def f_curly_pair(left, right):
    def f(rng, p):
        m = _pick(rng, QUOTE_PAIR, p)
        if not m:
            return None
        return (_splice(p, m, "“" + m.group(1) + "”"),
                _splice(p, m, left + m.group(1) + right), [left, right])
    return f


def f_nbsp_entity(rng, p):
    m = _pick(rng, SPACE, p)
    if not m:
        return None
    return p, _splice(p, m, "&nbsp;"), ["&nbsp;", "\u00a0"]


def f_char_ref(style):
    def f(rng, p):
        chars = [c for c in set(p) if ord(c) > 127 and c.isalpha()]
        if not chars:
            return None
        c = rng.choice(sorted(chars))
        ref = f"&#{ord(c)};" if style == "dec" else f"&#x{ord(c):X};"
        return p, p.replace(c, ref), [ref]
    return f


def f_named(char, ref):
    def f(rng, p):
        if char not in p:
            return None
        return p, p.replace(char, ref), [ref]
    return f


def f_moj_apostrophe(rng, p):
    m = _pick(rng, APOS, p)
    if not m:
        return None
    return _splice(p, m, "’"), _splice(p, m, "â€™"), ["â€™"]


def f_moj_quotes(lossy):
    def f(rng, p):
        m = _pick(rng, QUOTE_PAIR, p)
        if not m:
            return None
        right = "â€" if lossy else "â€\x9d"
        return (_splice(p, m, "“" + m.group(1) + "”"),
                _splice(p, m, "â€œ" + m.group(1) + right), ["â€œ"])
    return f


def f_moj_char(chars):
    def f(rng, p):
        have = sorted(c for c in set(p) if c in chars)
        if not have:
            return None
        c = rng.choice(have)
        return p, p.replace(c, mojibake(c)), [mojibake(c)]
    return f


def f_moj_para(rng, p):
    if not any(ord(c) > 127 for c in p):
        p = APOS.sub("’", p)
        if not any(ord(c) > 127 for c in p):
            return None
    dirty = mojibake(p)
    frags = sorted({mojibake(c) for c in p if ord(c) > 127})
    return p, dirty, frags


def f_moj_double(rng, p):
    m = _pick(rng, APOS, p)
    if not m:
        return None
    bad = mojibake(mojibake("’"))
    return _splice(p, m, "’"), _splice(p, m, bad), [bad]


def f_insert_in_word(ch):
    def f(rng, p):
        m = _pick(rng, WORD, p)
        if not m:
            return None
        w = m.group(0)
        k = rng.randrange(2, len(w) - 2)
        return p, _splice(p, m, w[:k] + ch + w[k:]), [ch]
    return f


def f_after_space(ch):
    def f(rng, p):
        m = _pick(rng, SPACE, p)
        if not m:
            return None
        return p, _splice(p, m, " " + ch), [ch]
    return f


def f_replace_space(ch):
    def f(rng, p):
        m = _pick(rng, SPACE, p)
        if not m:
            return None
        return p, _splice(p, m, ch), [ch]
    return f


def f_bom(rng, p):
    return p, "\ufeff" + p, ["\ufeff"]


def f_br_between(tag):
    def f(rng, p):
        m = _pick(rng, SENTENCE_GAP, p)
        if not m:
            return None
        return p, _splice(p, m, tag), [tag]
    return f


def f_wrap(open_, close):
    def f(rng, p):
        return p, open_ + p + close, [x for x in (open_, close) if x]
    return f


def f_inline_tag(open_, close):
    def f(rng, p):
        m = _pick(rng, WORD, p)
        if not m:
            return None
        return p, _splice(p, m, open_ + m.group(0) + close), [open_, close]
    return f


TEXT_FORMS = [
    # kind, label, function
    ("entity", "&amp; for &", f_amp),
    ("entity", "&#8217; for ’", f_apostrophe("&#8217;")),
    ("entity", "&rsquo; for ’", f_apostrophe("&rsquo;")),
    ("entity", "&#39; for '", f_ascii_apostrophe("&#39;")),
    ("entity", "&#039; for '", f_ascii_apostrophe("&#039;")),
    ("entity", "&apos; for '", f_ascii_apostrophe("&apos;")),
    ("entity", "&quot; for \"", f_quot),
    ("entity", "&ldquo;…&rdquo;", f_curly_pair("&ldquo;", "&rdquo;")),
    ("entity", "&#8220;…&#8221;", f_curly_pair("&#8220;", "&#8221;")),
    ("entity", "&nbsp; between words", f_nbsp_entity),
    ("entity", "&#NNN; for a non-ASCII letter", f_char_ref("dec")),
    ("entity", "&#xHH; for a non-ASCII letter", f_char_ref("hex")),
    ("entity", "&mdash; for —", f_named("—", "&mdash;")),
    ("entity", "&#8212; for —", f_named("—", "&#8212;")),
    ("entity", "&ndash; for –", f_named("–", "&ndash;")),
    ("entity", "&amp;#8217; (double-escaped) for ’", f_apostrophe("&amp;#8217;")),
    ("mojibake", "â€™ for ’", f_moj_apostrophe),
    ("mojibake", "â€œ…â€\\x9d for “…”", f_moj_quotes(False)),
    ("mojibake", "â€œ…â€ (lossy) for “…”", f_moj_quotes(True)),
    ("mojibake", "dash (â€” / â€“)", f_moj_char("—–")),
    ("mojibake", "accented letter (Ã©, Ã¼, …)", f_moj_char("éèáíóúñüöäçàâêôëïÉ")),
    ("mojibake", "whole paragraph", f_moj_para),
    ("mojibake", "double mojibake Ã¢â‚¬â„¢ for ’", f_moj_double),
    ("zero_width", "U+200B inside a word", f_insert_in_word("\u200b")),
    ("zero_width", "U+200B after a space", f_after_space("\u200b")),
    ("zero_width", "U+FEFF at paragraph start", f_bom),
    ("zero_width", "U+00A0 for a space", f_replace_space("\u00a0")),
    ("zero_width", "U+00AD soft hyphen inside a word", f_insert_in_word("\u00ad")),
    ("zero_width", "U+2060 word joiner inside a word", f_insert_in_word("\u2060")),
    ("zero_width", "U+200C inside a word", f_insert_in_word("\u200c")),
    ("tag", "<br> between sentences", f_br_between("<br>")),
    ("tag", "<br /> between sentences", f_br_between("<br />")),
    ("tag", "<br> at paragraph end", f_wrap("", "<br>")),
    ("tag", "<p>…</p> around paragraph", f_wrap("<p>", "</p>")),
    ("tag", '<span style="font-weight: 400;">…</span>', f_wrap('<span style="font-weight: 400;">', "</span>")),
    ("tag", "<em>word</em>", f_inline_tag("<em>", "</em>")),
    ("tag", "<strong>word</strong>", f_inline_tag("<strong>", "</strong>")),
    ("tag", '<a href="…">word</a>', f_inline_tag('<a href="https://www.example.com/news/2020/story.html">', "</a>")),
]

TEXT_KINDS = sorted({k for k, _, _ in TEXT_FORMS})

# --------------------------------------------------------------------------------------
# Rendering debris
# --------------------------------------------------------------------------------------


@dataclass
class Debris:
    kind: str
    form: str                 # the template or label: the "distinct form"
    position: str             # top, mid, bottom, prefix, text, title
    lines: list               # the rendered lines (line debris), or fragments (in-text)
    anchor: int = 0           # index of the paragraph it is next to / inside
    attached: bool = False    # joined to the neighbouring paragraph by a single newline
    variant: str = ""         # case and spacing variations applied
    block: str = ""           # the rendered text of line debris


class Filler:
    """Fills one template; the same placeholder gives the same value within a form."""

    def __init__(self, rng):
        self.rng = rng
        self.values = {}
        self.names = rng.sample(POOLS["NAME"], 4)
        self.cities = rng.sample(POOLS["CITY"], 2)

    def __call__(self, key, arg=None):
        if key == "ITEMS":
            return "\n".join(self.items(arg))
        if key not in self.values:
            self.values[key] = self.value(key)
        return self.values[key]

    def value(self, key):
        r = self.rng
        if HOOKS is not None and (v := HOOKS.value(self, key)) is not None:
            return v
        name_ix = {"NAME": 0, "NAME2": 1, "NAME3": 2, "NAME4": 3}
        if key in name_ix:
            return self.names[name_ix[key]]
        if key == "NAME_UC":
            return self.names[0].upper()
        if key == "CITY_UC":
            return self.cities[0][0]
        if key == "CITY_T":
            return self.cities[0][1]
        if key == "CITY2_T":
            return self.cities[1][1]
        if key in ("EMAIL", "EMAIL2"):
            n = self.names[0 if key == "EMAIL" else 1]
            user = re.sub(r"[^a-z.]", "", n.lower().replace(" ", "."))
            return f"{user}@{r.choice(POOLS['DOMAIN'])}"
        if key == "HANDLE":
            return re.sub(r"[^A-Za-z]", "", self.names[0])[: r.randint(7, 14)]
        if key in ("INI", "INI2"):
            return "".join(r.choice("abcdefghjklmnprstvw") for _ in range(r.choice((2, 3))))
        if key == "D":
            return str(r.randint(1, 28))
        if key in ("DD2", "MM2"):
            return f"{r.randint(1, 12 if key == 'MM2' else 28):02d}"
        if key == "HH":
            return f"{r.randint(0, 23):02d}"
        if key in ("MM", "SS"):
            return f"{r.randint(0, 59):02d}"
        if key == "TIME12":
            return f"{r.randint(1, 12)}:{r.randint(0, 59):02d} {r.choice(('AM', 'PM'))}"
        if key == "N":
            return str(r.randint(2, 9))
        if key == "NN":
            return str(r.randint(10, 99))
        if key == "K":
            return r.choice(("1.2K", "3.4K", "845", "12K", "2,310"))
        if key == "COUNT":
            return f"{r.randint(1, 9)},{r.randint(0, 999):03d}"
        if key == "TOKEN":
            return "".join(r.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(10))
        if key == "YEAR_MD":
            return f"{r.choice(POOLS['MONTH'])} {r.randint(1, 28)}, {r.choice(POOLS['YEAR'])}"
        if key in ("HEADLINE", "HEADLINE2"):
            others = [h for h in POOLS["HEADLINE"] if h not in self.values.values()]
            return r.choice(others)
        if key == "HEADLINE_UC":
            return r.choice(POOLS["HEADLINE"]).upper()
        if key in ("TOPIC", "TOPIC2", "TOPIC3"):
            others = [t for t in POOLS["TOPIC"] if t not in self.values.values()]
            return r.choice(others)
        if key == "TOPIC_UC":
            return r.choice(POOLS["TOPIC"]).upper()
        if key == "CAPTION_LC":
            c = r.choice(POOLS["CAPTION"])
            return c[0].lower() + c[1:]
        if key == "DOMAIN_UC":
            return r.choice(POOLS["DOMAIN"]).upper()
        return r.choice(POOLS[key])

    def items(self, style):
        r = self.rng
        if HOOKS is not None and (v := HOOKS.items(self, style)) is not None:
            return v
        n = r.randint(3, 6)
        if style == "topic":
            return r.sample(POOLS["TOPIC"], n)
        if style == "clickbait":
            out = []
            for h in r.sample(POOLS["CLICKBAIT"], min(n, len(POOLS["CLICKBAIT"]))):
                out += [h, r.choice(POOLS["SPONSOR"])] if r.random() < 0.5 else [h + " " + r.choice(POOLS["SPONSOR"])]
            return out
        if style == "sites":
            return r.sample(["World Health Organization", "Ministry of Defence", "European Commission",
                             "US Geological Survey", "UN Refugee Agency", "Met Office"], min(n, 6))
        heads = r.sample(POOLS["HEADLINE"], n)
        if style == "headline_date":
            out = []
            for h in heads:
                out += [h, f"{r.randint(1, 28)} {r.choice(POOLS['MONTH'])} {r.choice(POOLS['YEAR'])}"]
            return out
        if style == "headline_ago":
            return [f"{h} {r.choice(('', '- ', '· '))}{r.randint(2, 23)} hours ago".replace("  ", " ") for h in heads]
        if style == "bullet":
            return [f"{r.choice(('•', '-', '*', '·'))} {h}" for h in heads]
        if style == "numbered":
            return [f"{i}. {h}" for i, h in enumerate(heads, 1)]
        return heads


PLACEHOLDER = re.compile(r"\{([A-Z0-9_]+)(?::(\w+))?\}")


def fill(template, rng):
    filler = Filler(rng)
    return PLACEHOLDER.sub(lambda m: filler(m.group(1), m.group(2)), template)


def vary_line(line, rng, template):
    """Case and spacing variations that real pages show."""
    variant = ""
    if "{" not in template and rng.random() < 0.12 and any(c.islower() for c in line):
        line, variant = (line.upper(), "upper") if rng.random() < 0.7 else (line.title(), "title-case")
    roll = rng.random()
    if roll < 0.06:
        line, variant = line + rng.choice(("  ", " \t", "\u00a0")), (variant + " trailing-space").strip()
    elif roll < 0.10:
        line, variant = rng.choice(("  ", "\t", " ")) + line, (variant + " leading-space").strip()
    return line, variant


# --------------------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------------------


@dataclass
class Article:
    ident: str
    source: str
    title: str
    paras: list                     # ground truth (raw paragraph text)
    input_title: str = ""
    input_paras: list = field(default_factory=list)
    debris: list = field(default_factory=list)
    control: bool = False
    text: str = ""                  # the dirty file


def read_corpus(names):
    arts = []
    if "wikinews" in names:
        for f in sorted((CORPORA / "wikinews-2019-2020").glob("20*/*.txt")):
            arts.append(("wikinews/" + f.name, f.read_text(encoding="utf-8")))
    if "bbc" in names:
        seen = set()
        for f in sorted((CORPORA / "bbc-news-2005").glob("*/*.txt")):
            t = html.unescape(f.read_text(encoding="utf-8"))
            if t not in seen:
                seen.add(t)
                arts.append((f"bbc/{f.parent.name}/{f.name}", t))
    out = []
    for src, text in arts:
        lines = text.split("\n", 1)
        paras = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", lines[1]) if p.strip()]
        out.append((src, lines[0].strip(), paras))
    return out


def choose_kinds(rng, k):
    kinds = sorted({c[0] for c in CATALOGUE} | set(TEXT_KINDS) | {"dateline", "title"})
    weights = [KIND_WEIGHTS.get(x, 1) for x in kinds]
    chosen = []
    while len(chosen) < k:
        x = rng.choices(kinds, weights)[0]
        if x not in chosen:
            chosen.append(x)
    return chosen


def wrap(article, rng):
    """Adds debris to article (in place) and renders its dirty text."""
    n = len(article.paras)
    gt = list(article.paras)
    dirty = list(article.paras)
    title_gt, title_in = article.title, article.title
    top, bottom, mid = [], [], defaultdict(list)
    used_text_paras = set()
    kinds = [] if article.control else choose_kinds(rng, rng.randint(1, 4))
    if "dateline" in kinds:
        used_text_paras.add(0)

    for kind in kinds:
        if kind == "dateline":
            form = rng.choice(DATELINES)
            prefix = fill(form, rng)
            dirty[0] = prefix + dirty[0]
            article.debris.append(Debris(kind, form, "prefix", [prefix.strip()], 0))
            continue
        if kind == "title":
            if rng.random() < 0.75:
                form = rng.choice(TITLE_SUFFIXES)
                suffix = fill(form, rng)
                title_in = title_in + suffix
                article.debris.append(Debris(kind, "suffix" + form, "title", [suffix.strip(" -|–:")]))
            else:
                m = APOS.search(title_gt)
                if m:
                    ref = rng.choice(("&#8217;", "&rsquo;", "â€™"))
                    title_gt = _splice(title_gt, m, "’")
                    title_in = _splice(title_in, m, ref)
                    article.debris.append(Debris(kind, f"{ref} in title", "title", [ref]))
                else:
                    title_in = title_in.replace("&", "&amp;") if "&" in title_in else title_in + " | Reuters"
                    article.debris.append(Debris(kind, "&amp; in title" if "&" in title_gt else "suffix | Reuters",
                                                 "title", ["&amp;" if "&" in title_gt else "Reuters"]))
            continue
        if kind in TEXT_KINDS and (kind != "tag" or rng.random() < 0.6):
            forms = [f for f in TEXT_FORMS if f[0] == kind]
            for _ in range(30):
                _, label, func = rng.choice(forms)
                free = [i for i in range(n) if i not in used_text_paras]
                if not free:
                    break
                i = rng.choice(free)
                res = func(rng, gt[i])
                if res:
                    gt[i], dirty[i], frags = res
                    used_text_paras.add(i)
                    article.debris.append(Debris(kind, label, "text", frags, i))
                    break
            continue
        forms = [c for c in CATALOGUE if c[0] == kind]
        copies = 2 if kind in ("ad", "caption", "inline_teaser") and n > 3 and rng.random() < 0.3 else 1
        for _ in range(copies):
            _, positions, template = rng.choice(forms)
            pos = rng.choice((positions,) if isinstance(positions, str) else positions)
            if pos == M and n < 2:
                pos = T
            text = fill(template, rng)
            lines, variants = [], set()
            for line in text.split("\n"):
                line, v = vary_line(line, rng, template)
                lines.append(line)
                if v:
                    variants.add(v)
            joiner = "\n" if len(lines) > 1 and rng.random() < 0.5 else "\n\n"
            d = Debris(kind, template, pos, lines, variant=" ".join(sorted(variants)))
            d.block = joiner.join(lines)
            d.attached = rng.random() < 0.08
            if pos == T:
                d.anchor = 0
                top.append(d)
            elif pos == B:
                d.anchor = n - 1
                bottom.append(d)
            else:
                i = rng.randrange(1, n)  # between paragraph i-1 and i
                d.anchor = i
                mid[i].append(d)
            article.debris.append(d)

    # Render: title, blank line, top debris, paragraphs with mid debris, bottom debris.
    chunks = []  # (text, attached_to_previous)
    rng.shuffle(top)
    for d in top:
        chunks.append((d.block, False))
    for i, p in enumerate(dirty):
        for d in mid.get(i, []):
            chunks.append((d.block, d.attached))
        chunks.append((p, bool(top) and i == 0 and top[-1].attached))
    bottom.sort(key=lambda d: (d.kind not in ("credit", "contact", "originally"), rng.random()))
    for d in bottom:
        chunks.append((d.block, d.attached))
    body = ""
    for j, (text, attached) in enumerate(chunks):
        if j:
            body += "\n" if attached else "\n\n"
        body += text
    article.paras = gt
    article.title = title_gt
    article.input_title = title_in
    article.input_paras = dirty
    article.text = title_in + "\n\n" + body + "\n"


# --------------------------------------------------------------------------------------
# Reading back and scoring
# --------------------------------------------------------------------------------------

WS = re.compile(r"[ \t\r\n]+")
MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
MD_EMPH = re.compile(r"(?<![\\\w])(\*\*|\*|__|_)(?=\S)(.+?)(?<=\S)(?<!\\)\1(?!\w)")
MD_LINK = re.compile(r"(?<!\\)\[([^\]\n]+)\]\([^)\s]+\)")
MD_HEADING = re.compile(r"^#{1,6}[ \t]+")


def norm_text(s):
    return WS.sub(" ", s).strip()


def norm_gt(s):
    """The original side: a no-break space of the original may legitimately become a space."""
    return norm_text(s.replace("\u00a0", " "))


def norm_md(block):
    s = MD_HEADING.sub("", block.strip())
    s = MD_LINK.sub(r"\1", s)
    s = MD_EMPH.sub(r"\2", s)
    s = MD_ESCAPE.sub(r"\1", s)
    return norm_text(s)


def split_blocks(body):
    return [b for b in re.split(r"\n[ \t]*\n", body) if b.strip()]


def read_page(path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n?(.*)\Z", text, re.S)
    meta = tomllib.loads(m.group(1))
    return meta, m.group(2)


def count_word(hay, needle):
    """Occurrences of needle in hay, case-insensitive, not inside a word."""
    needle = needle.casefold()
    if not needle:
        return 0
    pat = (r"(?<!\w)" if needle[0].isalnum() else "") + re.escape(needle) + (r"(?!\w)" if needle[-1].isalnum() else "")
    return len(re.findall(pat, hay.casefold()))


def has_alnum(s, k=2):
    return sum(c.isalnum() for c in s) >= k


@dataclass
class Result:
    article: Article
    page: str = ""
    title_out: str = None
    title_ok: bool = False
    kept: int = 0
    lost: list = field(default_factory=list)      # (paragraph index, output block or None)
    left: list = field(default_factory=list)      # (Debris, [strings left])
    unknown: list = field(default_factory=list)   # extra output blocks explained by nothing
    clean: bool = False
    glued: set = field(default_factory=set)       # altered paragraphs whose words are all kept (debris glued on)
    rules: dict = field(default_factory=dict)     # paragraph index -> rules --explain names for its removed lines


def score_article(art, meta, body):
    res = Result(art)
    if meta is None:
        res.lost = [(i, None) for i in range(len(art.paras))]
        res.left = [(d, ["(no page written)"]) for d in art.debris if d.position != "title"]
        return res
    res.title_out = meta.get("title")
    res.title_ok = res.title_out == art.title
    gt = [norm_gt(p) for p in art.paras]
    out = [norm_md(b) for b in split_blocks(body)]
    remaining = Counter(gt)
    unmatched_out = []
    for b in out:
        if remaining[b] > 0:
            remaining[b] -= 1
        else:
            unmatched_out.append(b)
    missing = []
    for i, p in enumerate(gt):
        if remaining[p] > 0:
            remaining[p] -= 1
            missing.append(i)
    res.kept = len(gt) - len(missing)

    # Pair each missing paragraph with its most similar unmatched output block.
    extras = []          # (text, from_pair)
    free = list(unmatched_out)
    for i in missing:
        p = gt[i]
        best, best_r = None, 0.0
        for b in free:
            if p in b or b in p:
                r = 1.0
            else:
                r = difflib.SequenceMatcher(None, p, b, autojunk=False).ratio() if abs(len(p) - len(b)) < max(len(p), len(b)) * 0.6 + 80 else 0
            if r > best_r:
                best, best_r = b, r
        if best is not None and best_r >= 0.5:
            free.remove(best)
            res.lost.append((i, best))
            pw, bw = p.split(" "), best.split(" ")
            sm = difflib.SequenceMatcher(None, pw, bw, autojunk=False)
            ops = sm.get_opcodes()
            for op, i1, i2, j1, j2 in ops:
                if op in ("insert", "replace"):
                    extras.append((" ".join(bw[j1:j2]), True))
            if all(op in ("equal", "insert") for op, *_ in ops):
                res.glued.add(i)
        else:
            res.lost.append((i, None))
    for b in free:
        extras.append((b, False))

    body_n = "\n".join(out)
    gt_n = "\n".join(gt)
    attributed = set()
    for d in art.debris:
        if d.position == "title":
            left = [] if res.title_ok else [s for s in d.lines if s in (res.title_out or "")] or [res.title_out]
            if left:
                res.left.append((d, left))
            continue
        left = []
        if d.position == "text":
            for frag in d.lines:
                variants = {frag, html.escape(frag, quote=False)}
                if any(body_n.count(v) > gt_n.count(v) for v in variants):
                    left.append(frag)
        else:
            probes = [norm_text(s).strip() for s in d.lines if norm_text(s).strip()]
            for s in probes:
                if count_word(body_n, s) > count_word(gt_n, s) and s not in left:
                    left.append(s)
            for j, (e, _) in enumerate(extras):
                ef = e.casefold()
                if has_alnum(e) and any(ef == s.casefold() or (has_alnum(e, 4) and (count_word(s, e) or count_word(e, s)))
                                        for s in probes):
                    attributed.add(j)
                    if not any(e.casefold() in x.casefold() or x.casefold() in ef for x in left):
                        left.append(e)
        if left:
            res.left.append((d, left))
    for j, (e, from_pair) in enumerate(extras):
        if j not in attributed and not from_pair and has_alnum(e):
            res.unknown.append(e)
    res.clean = not [x for x in res.left if x[0].position != "title"] and not res.unknown
    return res


# --------------------------------------------------------------------------------------
# Running the importer
# --------------------------------------------------------------------------------------


def run_batch(binary, articles, workdir, explain_budget):
    site = workdir / "site"
    raw = workdir / "raw"
    subprocess.run([str(binary), "init", str(site)], check=True, capture_output=True)
    for f in (site / "content" / "articles").glob("*.md"):
        f.unlink()
    raw.mkdir()
    for a in articles:
        (raw / a.ident).write_text(a.text, encoding="utf-8")
    proc = subprocess.run([str(binary), "import", "--root", str(site), "raw"], cwd=workdir,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"broadsheet import failed with status {proc.returncode}")
    pages = {}
    for md in (site / "content" / "articles").rglob("*.md"):
        meta, body = read_page(md)
        pages[Path(meta["import"]["file"]).name] = (md.relative_to(site).as_posix(), meta, body)
    results = []
    for a in articles:
        page, meta, body = pages.get(a.ident, ("", None, ""))
        r = score_article(a, meta, body)
        r.page = page
        results.append(r)
    explains = {}
    for r in results:
        if r.clean and r.title_ok and not r.lost:
            continue
        p = subprocess.run([str(binary), "import", "--explain", "--root", str(site), f"raw/{r.article.ident}"],
                           cwd=workdir, capture_output=True, text=True)
        text = (p.stdout + p.stderr).rstrip()
        attribute_rules(r, text)
        if explain_budget[0] > 0:
            explains[r.article.ident] = text
            explain_budget[0] -= 1
    return results, explains, proc.stderr


EXPLAIN_LINE = re.compile(r"^.*?:(\d+): \[([^\]]+)\] (.*)$")


def attribute_rules(res, explain):
    """Names, for each lost or altered paragraph, the rules whose removed lines came from it."""
    gts = [norm_gt(p) for p in res.article.paras]
    for line in explain.splitlines():
        m = EXPLAIN_LINE.match(line)
        if not m:
            continue
        removed = norm_gt(html.unescape(m.group(3)))
        if len(removed) < 3:
            continue
        for i, _ in res.lost:
            if removed == gts[i] or (len(removed) >= 12 and removed in gts[i]):
                res.rules.setdefault(i, [])
                if m.group(2) not in res.rules[i]:
                    res.rules[i].append(m.group(2))


# --------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------


def word_diff(a, b):
    aw, bw = a.split(" "), b.split(" ")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, aw, bw, autojunk=False).get_opcodes():
        if op == "equal":
            seg = aw[i1:i2]
            out.append(" ".join(seg) if len(seg) <= 12 else " ".join(seg[:5]) + " … " + " ".join(seg[-5:]))
        else:
            if i2 > i1:
                out.append("[-" + " ".join(aw[i1:i2]) + "-]")
            if j2 > j1:
                out.append("{+" + " ".join(bw[j1:j2]) + "+}")
    return " ".join(out)


def show(s):
    """A readable view that shows invisible characters and line breaks."""
    s = s.replace("\n", " ⏎ ")
    return "".join(f"<U+{ord(c):04X}>" if c in "\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\x9d\t" else c for c in s)


def nearby(art, i):
    return [d for d in art.debris if d.position != "title" and (d.anchor == i or (d.position == "mid" and d.anchor - 1 == i))]


def pct(a, b):
    return 100.0 * a / b if b else 100.0


def report(results, explains, args, out_dir, import_log):
    n = len(results)
    clean = sum(r.clean for r in results)
    titles = sum(r.title_ok for r in results)
    total_p = sum(len(r.article.paras) for r in results)
    kept_p = sum(r.kept for r in results)
    ctrl = [r for r in results if r.article.control]
    ctrl_p = sum(len(r.article.paras) for r in ctrl)
    ctrl_k = sum(r.kept for r in ctrl)
    lines = []
    lines.append(f"held-out debris: {n} articles (seed {args.seed}, corpus {args.corpus}, catalogue {args.catalogue}), "
                 f"{len(ctrl)} control, {n - len(ctrl)} with debris; "
                 f"{len({d.form for r in results for d in r.article.debris})} distinct forms used "
                 f"of {len(CATALOGUE) + len(DATELINES) + len(TITLE_SUFFIXES) + len(TEXT_FORMS) + 4}")
    lines.append(f"SCORE clean={pct(clean, n):.2f} titles={pct(titles, n):.2f} paragraphs={pct(kept_p, total_p):.2f}")
    lines.append(f"CONTROL paragraphs={pct(ctrl_k, ctrl_p):.2f} ({ctrl_k}/{ctrl_p}) "
                 f"clean={pct(sum(r.clean for r in ctrl), len(ctrl)):.2f} titles={pct(sum(r.title_ok for r in ctrl), len(ctrl)):.2f}")
    glued = sum(len(r.glued) for r in results)
    lines.append(f"articles: clean {clean}/{n}, titles {titles}/{n}, paragraphs {kept_p}/{total_p}; "
                 f"{glued} more are whole but have debris glued on (paragraphs counting those: "
                 f"{pct(kept_p + glued, total_p):.2f}); {total_p - kept_p - glued} lost or damaged")
    rule_tally = Counter()
    for r in results:
        for i, _ in r.lost:
            if i not in r.glued:
                rule_tally[" + ".join(r.rules.get(i, ["(no removal named by --explain)"]))] += 1
    if rule_tally:
        lines.append("lost or damaged paragraphs by the rule --explain names: " +
                     ", ".join(f"[{k}] {v}" for k, v in rule_tally.most_common()))
    lines.append("")
    per = defaultdict(lambda: [0, 0, 0, set(), 0])  # inserted, left, attached-left, forms, para-damage
    for r in results:
        left_ids = {id(d) for d, _ in r.left}
        damaged = {id(d) for i, _ in r.lost for d in nearby(r.article, i)}
        for d in r.article.debris:
            e = per[d.kind]
            e[0] += 1
            e[3].add(d.form)
            if id(d) in left_ids:
                e[1] += 1
                e[2] += d.attached
            if id(d) in damaged:
                e[4] += 1
    lines.append(f"{'kind':<14} {'forms':>5} {'used':>5} {'inserted':>8} {'left in':>8} {'(attached)':>10} {'near lost para':>14}")
    all_forms = Counter(c[0] for c in CATALOGUE) + Counter(f[0] for f in TEXT_FORMS)
    all_forms["dateline"] = len(DATELINES)
    all_forms["title"] = len(TITLE_SUFFIXES) + 4
    for kind in sorted(all_forms):
        ins, left, att, forms, dmg = per[kind]
        lines.append(f"{kind:<14} {all_forms[kind]:>5} {len(forms):>5} {ins:>8} {left:>8} {att:>10} {dmg:>14}")
    tot = [sum(per[k][i] for k in per) for i in (0, 1, 2, 4)]
    lines.append(f"{'total':<14} {sum(all_forms.values()):>5} {'':>5} {tot[0]:>8} {tot[1]:>8} {tot[2]:>10} {tot[3]:>14}")
    unknown = sum(len(r.unknown) for r in results)
    lines.append(f"unexplained extra blocks: {unknown}")
    lines.append("")

    # Surviving forms, grouped by kind.
    surv = defaultdict(lambda: defaultdict(list))
    for r in results:
        for d, left in r.left:
            surv[d.kind][d.form].append((left, r.article.ident, d.position, d.attached, d.variant))
    lines.append("Surviving debris forms (kind: form  ×count  — exact strings left):")
    for kind in sorted(surv):
        for form, hits in sorted(surv[kind].items()):
            ex = sorted({" / ".join(show(x) for x in h[0]) for h in hits})
            flags = []
            if any(h[3] for h in hits):
                flags.append(f"attached×{sum(h[3] for h in hits)}")
            vs = Counter(h[4] for h in hits if h[4])
            flags += [f"{v}×{c}" for v, c in vs.items()]
            lines.append(f"  {kind}: {show(form)!s}  ×{len(hits)}{'  [' + ', '.join(flags) + ']' if flags else ''}")
            for e in ex[:4]:
                lines.append(f"      left: {e}")
    lines.append("")
    lines.append("Article paragraphs lost or altered (with the debris next to or inside them):")
    for r in results:
        gts = [norm_gt(x) for x in r.article.paras]
        for i, b in r.lost:
            p = gts[i]
            near = nearby(r.article, i)
            cause = "; ".join(f"{d.kind}: {show(d.form)}{' (attached)' if d.attached else ''}" for d in near) or "no debris next to it"
            what = "whole, debris glued on" if i in r.glued else "altered" if b is not None else "lost"
            rule = f" — removed by [{', '.join(r.rules[i])}]" if i in r.rules else ""
            lines.append(f"  {r.article.ident} ¶{i + 1} {what}{rule} — near {cause}")
            if b is not None:
                lines.append(f"      {show(word_diff(p, b))[:600]}")
            else:
                lines.append(f"      - {show(p)[:300]}")
    tsv = ["kind\tform\tleft\tarticle\tposition\tattached\tvariant"]
    for kind in sorted(surv):
        for form, hits in sorted(surv[kind].items()):
            for left, ident, pos, att, var in hits:
                tsv.append("\t".join((kind, show(form), " / ".join(show(x) for x in left), ident, pos,
                                      "attached" if att else "", var)))
    (out_dir / "survivors.tsv").write_text("\n".join(tsv) + "\n", encoding="utf-8")
    per_form = defaultdict(lambda: [0, 0])
    for r in results:
        left_ids = {id(d) for d, _ in r.left}
        for d in r.article.debris:
            per_form[(d.kind, d.form)][0] += 1
            per_form[(d.kind, d.form)][1] += id(d) in left_ids
    (out_dir / "forms.tsv").write_text("kind\tform\tinserted\tleft\n" + "".join(
        f"{k}\t{show(f)}\t{v[0]}\t{v[1]}\n" for (k, f), v in sorted(per_form.items())), encoding="utf-8")
    summary = "\n".join(lines)
    print(summary)
    (out_dir / "summary.txt").write_text(summary + "\n", encoding="utf-8")

    # failures.txt
    f = []
    f.append(f"Failures of {n} articles, seed {args.seed}. Diff view: [-removed from the original-] {{+added in the output+}}.")
    f.append("Invisible characters are shown as <U+XXXX>.")
    f.append("")
    for r in results:
        if r.clean and r.title_ok and not r.lost:
            continue
        a = r.article
        f.append("=" * 100)
        f.append(f"{a.ident}  (source {a.source}{', CONTROL' if a.control else ''}) -> {r.page or 'NO PAGE WRITTEN'}")
        f.append(f"  clean={'yes' if r.clean else 'NO'} title={'ok' if r.title_ok else 'WRONG'} paragraphs kept {r.kept}/{len(a.paras)}")
        if not r.title_ok:
            f.append(f"  title expected: {show(a.title)}")
            f.append(f"  title got:      {show(str(r.title_out))}")
        f.append("  debris inserted:")
        for d in a.debris:
            where = d.position + (f"@{d.anchor}" if d.position in ("mid", "text") else "")
            f.append(f"    - {d.kind} [{where}{', attached' if d.attached else ''}{', ' + d.variant if d.variant else ''}]: {show(d.form)}")
        for d, left in r.left:
            f.append(f"  LEFT IN ({d.kind}, form {show(d.form)}):")
            for s in left:
                f.append(f"      {show(s)!r}")
        for e in r.unknown:
            f.append(f"  UNEXPLAINED EXTRA BLOCK: {show(e)[:300]!r}")
        gts = [norm_gt(x) for x in a.paras]
        for i, b in r.lost:
            p = gts[i]
            what = "WHOLE, DEBRIS GLUED ON" if i in r.glued else "ALTERED" if b is not None else "LOST"
            rule = f" (removed by [{', '.join(r.rules[i])}])" if i in r.rules else ""
            f.append(f"  PARAGRAPH ¶{i + 1} {what}{rule}:")
            if b is not None:
                f.append(f"      {show(word_diff(p, b))}")
            else:
                f.append(f"      - {show(p)}")
        if a.ident in explains:
            f.append("  --explain:")
            f.extend("    " + x for x in explains[a.ident].splitlines())
    f.append("")
    f.append("Import warnings (stderr):")
    f.append(import_log.rstrip())
    (out_dir / "failures.txt").write_text("\n".join(f) + "\n", encoding="utf-8")


def build_articles(args, rng):
    corpus = read_corpus(["wikinews", "bbc"] if args.corpus == "both" else [args.corpus])
    order = list(range(len(corpus)))
    batches, current, used = [], [], set()
    for k in range(args.n):
        if k % len(corpus) == 0:
            rng.shuffle(order)
        src, title, paras = corpus[order[k % len(corpus)]]
        if src in used:
            batches.append(current)
            current, used = [], set()
        used.add(src)
        slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", Path(src).stem)
        a = Article(ident=f"a{k + 1:04d}-{slug[:50]}.txt", source=src, title=title, paras=list(paras),
                    control=rng.random() < args.control)
        wrap(a, rng)
        current.append(a)
    if current:
        batches.append(current)
    return batches


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--binary", default=str(ROOT / "target" / "release" / "broadsheet"))
    ap.add_argument("--keep", help="keep the generated sites and raw files in DIR")
    ap.add_argument("--out", default="/tmp/heldout", help="where summary.txt and failures.txt go")
    ap.add_argument("--corpus", choices=("wikinews", "bbc", "both"), default="wikinews",
                    help="bbc is research-only text: never publish what is built from it")
    ap.add_argument("--control", type=float, default=0.15, help="share of articles with no debris")
    ap.add_argument("--explain-limit", type=int, default=12, help="failures shown with --explain")
    ap.add_argument("--catalogue", choices=("a", "b"), default="a",
                    help="b: the second, independently written catalogue in heldout_forms_b.py")
    args = ap.parse_args()
    use_catalogue(args.catalogue)
    binary = Path(args.binary).resolve()
    if not binary.exists():
        raise SystemExit(f"no binary at {binary}")
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    batches = build_articles(args, rng)
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="heldout-"))
    if args.keep and base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True, exist_ok=True)
    results, explains, log = [], {}, []
    budget = [args.explain_limit]
    try:
        for k, batch in enumerate(batches):
            wd = base / f"batch{k + 1}"
            wd.mkdir()
            r, e, stderr = run_batch(binary, batch, wd, budget)
            results += r
            explains.update(e)
            log.append(stderr)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    report(results, explains, args, out_dir, "".join(log))


if __name__ == "__main__":
    main()
