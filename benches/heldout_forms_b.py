"""A second, independent catalogue of debris forms for benches/heldout_debris.py.

    python3 benches/heldout_debris.py --catalogue b [--n 400] ...
    python3 benches/heldout_forms_b.py          # self-check: fills every form, prints counts

Written without reading the cleaner (src/, tests/, docs/import.md) and without reading
catalogue A's tables (CATALOGUE, DATELINES): only heldout_debris.py's docstring, its
data-format comment, POOLS and the code of Filler/fill/vary_line/wrap/choose_kinds/main
were read, to plug in. The forms are written from how news pages are laid out (wire
services and broadcasters, regional and national papers in the US, UK, Ireland, India,
Pakistan, Australia, New Zealand, Canada, South Africa, Nigeria, Kenya, the
Philippines, Singapore, Malaysia and the Gulf; WordPress, Substack and Medium blogs;
Yahoo/MSN-style syndication) and from what innerText dumps and extractors such as
trafilatura, newspaper3k, readability and boilerpipe leave behind. Every name, outlet,
headline, caption and post below is invented (a few real organisation names appear
only as the boilerplate they print, e.g. a wire's dateline tag or an ad network).

Format, as in heldout_debris.py: CATALOGUE is (kind, positions, template), positions
among top/mid/bottom; "\\n" separates the lines of a block; {ITEMS:style} expands to
3-6 lines. DATELINES are prefixes glued in front of the first paragraph. TITLE_SUFFIXES
are appended to the title. Placeholders are those of heldout_debris.Filler plus the
ones defined here: plain pools in POOLS (merged into heldout_debris.POOLS when this
catalogue is chosen) and computed values in value(); extra {ITEMS:b_*} styles in
items(). Both hooks return None for anything they do not handle, so Filler's own
placeholders keep working.

(Catalogue A's TITLE_SUFFIXES list was seen once by accident while reading the code
around it; the suffixes here were chosen to be different ones.)
"""

T, M, B = "top", "mid", "bottom"
TM, TB, MB, TMB = (T, M), (T, B), (M, B), (T, M, B)

# --------------------------------------------------------------------------------------
# Pools (all invented). NAME and CITY replace catalogue A's pools while B is in use.
# --------------------------------------------------------------------------------------

POOLS = {
    "NAME": [
        "Adaeze Nwosu", "Callum Fraser", "Meera Iyer", "Bilal Qureshi", "Siobhan Doyle",
        "Jun-ho Park", "Thandiwe Dlamini", "Marco Bellini", "Rosa Delgado", "Wanjiru Kamau",
        "Arjun Mehta", "Lena Hoffmann", "Ngozi Eze", "Patrick Mulvey", "Farah Siddiqui",
        "Declan Forde", "Mei Lin Goh", "Rafael Cordeiro", "Hamid Karimi", "Leilani Santos",
        "Oluwaseun Adeyemi", "Brigid Tierney", "Kwame Asante", "Ines Navarro", "Tariq Mahmood",
        "Charlotte Ashby", "Noor Al-Hashimi", "Jasper Whitlock", "Ayumi Kato", "Dmitri Volkov",
        "Camille Roussel", "Owen Pritchard", "Zanele Mokoena", "Rizal Hakim",
        "Paolo Dimaculangan", "Erin Castellano", "Sunita Bose", "Gareth Llewellyn",
        "Hyun-woo Choi", "Amara Obi", "Tobias Lindgren", "Keisha Morgan", "Samir Haddadi",
        "Niamh Gallagher", "Matteo Russo", "Priyanka Nair", "Luis Carvajal",
    ],
    "CITY": [
        ("WASHINGTON", "Washington"), ("LONDON", "London"), ("NEW YORK", "New York"),
        ("BRUSSELS", "Brussels"), ("PARIS", "Paris"), ("GENEVA", "Geneva"),
        ("NEW DELHI", "New Delhi"), ("KARACHI", "Karachi"), ("LAHORE", "Lahore"),
        ("DHAKA", "Dhaka"), ("COLOMBO", "Colombo"), ("KATHMANDU", "Kathmandu"),
        ("JAKARTA", "Jakarta"), ("KUALA LUMPUR", "Kuala Lumpur"), ("HANOI", "Hanoi"),
        ("TAIPEI", "Taipei"), ("SHANGHAI", "Shanghai"), ("OSAKA", "Osaka"),
        ("WELLINGTON", "Wellington"), ("MELBOURNE", "Melbourne"), ("TORONTO", "Toronto"),
        ("VANCOUVER", "Vancouver"), ("MONTREAL", "Montreal"), ("DUBLIN", "Dublin"),
        ("EDINBURGH", "Edinburgh"), ("CAPE TOWN", "Cape Town"), ("ABUJA", "Abuja"),
        ("ACCRA", "Accra"), ("ADDIS ABABA", "Addis Ababa"), ("KAMPALA", "Kampala"),
        ("DOHA", "Doha"), ("RIYADH", "Riyadh"), ("AMMAN", "Amman"), ("ISTANBUL", "Istanbul"),
        ("WARSAW", "Warsaw"), ("VIENNA", "Vienna"), ("STOCKHOLM", "Stockholm"),
        ("ATHENS", "Athens"), ("LISBON", "Lisbon"), ("BUENOS AIRES", "Buenos Aires"),
        ("BOGOTA", "Bogota"), ("LIMA", "Lima"), ("HAVANA", "Havana"), ("MIAMI", "Miami"),
        ("SAN FRANCISCO", "San Francisco"), ("DETROIT", "Detroit"),
        ("PHILADELPHIA", "Philadelphia"), ("UNITED NATIONS", "United Nations"),
    ],
    # AP-style US datelines (state abbreviations; the big cities stand alone).
    "USC": [
        "TULSA, Okla.", "BOISE, Idaho", "LITTLE ROCK, Ark.", "MONTGOMERY, Ala.",
        "JACKSON, Miss.", "BATON ROUGE, La.", "LANSING, Mich.", "OLYMPIA, Wash.", "SALEM, Ore.",
        "CHEYENNE, Wyo.", "TOPEKA, Kan.", "LINCOLN, Neb.", "FRANKFORT, Ky.", "NASHVILLE, Tenn.",
        "RICHMOND, Va.", "ANNAPOLIS, Md.", "HARTFORD, Conn.", "CONCORD, N.H.",
        "MONTPELIER, Vt.", "SANTA FE, N.M.", "CARSON CITY, Nev.", "BISMARCK, N.D.",
        "PIERRE, S.D.", "HONOLULU", "ANCHORAGE, Alaska", "ST. PAUL, Minn.",
        "CHARLESTON, W.Va.", "COLUMBIA, S.C.", "OKLAHOMA CITY", "SALT LAKE CITY",
        "FRESNO, Calif.", "ORLANDO, Fla.", "EL PASO, Texas", "TRENTON, N.J.",
        "PROVIDENCE, R.I.", "DOVER, Del.",
    ],
    "INTL_B": [
        "LAGOS, Nigeria", "KARACHI, Pakistan", "DHAKA, Bangladesh", "JAKARTA, Indonesia",
        "HANOI, Vietnam", "BOGOTA, Colombia", "LIMA, Peru", "CARACAS, Venezuela",
        "ADDIS ABABA, Ethiopia", "KAMPALA, Uganda", "COLOMBO, Sri Lanka",
        "KATHMANDU, Nepal", "TAIPEI, Taiwan", "YANGON, Myanmar", "HARARE, Zimbabwe",
        "BUCHAREST, Romania",
    ],
    "TVDATE": [
        "DALLAS (WFAA)", "DENVER (KDVR)", "CLEVELAND (WEWS)", "PHOENIX (KPNX)",
        "ORLANDO, Fla. (WKMG)", "NASHVILLE, Tenn. (WSMV)", "CHARLOTTE, N.C. (WBTV)",
        "SAN DIEGO (KGTV)", "MILWAUKEE (WISN)", "PITTSBURGH (KDKA)", "SAN ANTONIO (KSAT)",
        "OMAHA, Neb. (KETV)", "BUFFALO, N.Y. (WIVB)",
    ],
    "CALL_B": ["WXYZ", "KCRA", "WSB", "KOMO", "WCVB", "KSDK", "WTVJ", "KHOU", "WBAL", "KARE"],
    "IN_CITY": [
        "New Delhi", "Mumbai", "Kolkata", "Chennai", "Bengaluru", "Hyderabad", "Lucknow",
        "Jaipur", "Patna", "Bhopal", "Thiruvananthapuram", "Guwahati", "Chandigarh",
        "Srinagar", "Ahmedabad", "Pune",
    ],
    "IN_CITY_UC": ["NEW DELHI", "MUMBAI", "KOLKATA", "CHENNAI", "BENGALURU", "HYDERABAD",
                   "LUCKNOW", "JAIPUR", "PATNA", "BHOPAL", "GUWAHATI", "CHANDIGARH"],
    "PK_CITY_UC": ["ISLAMABAD", "KARACHI", "LAHORE", "PESHAWAR", "QUETTA", "MULTAN",
                   "RAWALPINDI", "FAISALABAD"],
    "AU_CITY_UC": ["SYDNEY", "MELBOURNE", "BRISBANE", "PERTH", "ADELAIDE", "CANBERRA",
                   "HOBART", "DARWIN"],
    "CA_CITY_UC": ["OTTAWA", "TORONTO", "VANCOUVER", "MONTREAL", "CALGARY", "EDMONTON",
                   "WINNIPEG", "HALIFAX", "REGINA", "VICTORIA", "QUEBEC CITY"],
    "RU_CITY_UC": ["MOSCOW", "ST. PETERSBURG", "VLADIVOSTOK", "KAZAN", "MINSK"],
    "TR_CITY_UC": ["ANKARA", "ISTANBUL", "IZMIR", "ANTALYA", "DIYARBAKIR", "BRUSSELS"],
    "UAE_CITY_UC": ["ABU DHABI", "DUBAI", "SHARJAH", "AJMAN", "FUJAIRAH", "RAS AL KHAIMAH"],
    "UAE_CITY_T": ["Abu Dhabi", "Dubai", "Sharjah", "Ajman", "Al Ain"],
    "KE_CITY_UC": ["NAIROBI", "MOMBASA", "KISUMU", "NAKURU", "ELDORET"],
    "ZA_CITY_T": ["Johannesburg", "Cape Town", "Durban", "Pretoria", "Port Elizabeth",
                  "Bloemfontein", "Polokwane"],
    "JP_CITY_UC": ["TOKYO", "OSAKA", "NAGOYA", "FUKUOKA", "SAPPORO", "NAHA"],
    "KR_CITY_UC": ["SEOUL", "BUSAN", "SEJONG", "DAEGU", "INCHEON"],
    "PH_CITY_UC": ["MANILA", "CEBU CITY", "DAVAO CITY", "QUEZON CITY", "ILOILO CITY"],
    "MY_CITY_UC": ["KUALA LUMPUR", "PUTRAJAYA", "GEORGE TOWN", "JOHOR BAHRU",
                   "KOTA KINABALU", "KUCHING"],
    "NG_CITY_T": ["Abuja", "Lagos", "Kano", "Port Harcourt", "Ibadan", "Enugu"],
    "IT_CITY_UC": ["ROME", "MILAN", "NAPLES", "TURIN", "VATICAN CITY", "FLORENCE"],
    "DE_CITY_T": ["Berlin", "Hamburg", "Munich", "Frankfurt", "Cologne", "Vienna"],
    "ES_CITY_T": ["Madrid", "Barcelona", "Mexico City", "Bogota", "Havana",
                  "Buenos Aires", "Caracas", "Seville"],
    "IR_CITY_T": ["Tehran", "Mashhad", "Isfahan", "Tabriz"],
    "SA_CITY_T": ["Riyadh", "Jeddah", "Makkah", "Dammam"],
    "HIJRI": ["Rajab 08, 1441", "Jumada II 14, 1441", "Sha'ban 21, 1441", "Ramadan 03, 1441",
              "Dhu al-Qi'dah 11, 1441", "Muharram 27, 1442", "Safar 02, 1442"],
    "PHOTO_AG": [
        "Getty Images", "AFP", "Reuters", "AP", "EPA", "Bloomberg via Getty Images",
        "SOPA Images/LightRocket via Getty Images", "NurPhoto via Getty Images",
        "Anadolu Agency via Getty Images", "Xinhua", "PTI", "ANI", "AAP Image",
        "The Canadian Press", "PA Wire", "Shutterstock", "iStock", "Supplied", "Handout",
        "Facebook", "Twitter", "Pexels", "Unsplash",
    ],
    "CREDIT_SHORT": ["AFP", "Reuters", "AP", "AFP/File", "Reuters/File", "APP", "Online",
                     "White Star", "Screengrab", "Twitter", "File"],
    "WIRE": ["Xinhua", "IANS", "PTI", "AFP", "dpa", "Bernama", "ANI", "Reuters", "AP",
             "Agencies", "APP", "WAM", "KUNA", "Anadolu Agency", "AAP"],
    "DESK": ["Web Desk", "News Desk", "Online Desk", "Digital Desk", "Staff Reporter",
             "Our Correspondent", "Special Correspondent", "Agencies", "Express News Service",
             "Staff Correspondent", "Bureau Report", "Trends Desk", "Sports Desk",
             "News Service"],
    "ROLE": ["staff writer", "senior reporter", "political correspondent", "health reporter",
             "business editor", "data journalist", "Washington correspondent",
             "freelance writer", "contributing editor", "breaking news reporter",
             "investigative reporter", "deputy editor"],
    "ROLE_T": ["Staff Writer", "Senior Reporter", "Political Correspondent", "Health Reporter",
               "Business Editor", "Chief Correspondent", "Multimedia Journalist",
               "Digital Producer", "Reporter", "Assistant Editor", "Senior Editor"],
    "BEAT": ["local government", "climate and energy", "public health", "courts and crime",
             "education", "transport", "technology", "immigration", "the economy",
             "elections", "agriculture", "housing"],
    "OUTLET_B": [
        "The Riverside Chronicle", "Northgate Gazette", "Harbour City Times",
        "The Lakeshore Ledger", "Daily Meridian", "The Coastal Observer", "Plainsview Herald",
        "The Deccan Courier", "Indus Tribune", "Gulf Morning Post", "Savanna Daily",
        "The Lagos Evening Mail", "Highveld Herald", "The Pacific Bulletin", "Metro Morning",
        "The Capital Record", "Westbrook Sun", "The Valley Sentinel", "Southern Cross Daily",
        "The Prairie Post", "Emerald Isle Times", "Lion City Daily", "The Manila Courier",
        "Rift Valley Standard",
    ],
    "DOMAIN_B": [
        "riversidechronicle.com", "northgategazette.co.uk", "harbourcitytimes.com.au",
        "lakeshoreledger.com", "dailymeridian.net", "deccancourier.in", "industribune.pk",
        "gulfmorningpost.ae", "savannadaily.co.ke", "highveldherald.co.za",
        "pacificbulletin.ph", "prairiepost.ca", "emeraldisletimes.ie", "lioncitydaily.sg",
        "lagoseveningmail.ng", "valleysentinel.org",
    ],
    "NEWSLETTER": ["The Morning Brief", "First Edition", "The Daily Dispatch", "Evening Wrap",
                   "The Week in Review", "Front Page", "Headlines Today", "The Download",
                   "Inbox Digest"],
    "PODCAST": ["The Daily Briefing", "Inside Story", "Newsroom Talk", "The Explainer",
                "Beyond the Headlines", "On the Record", "Dateline Weekly"],
    "BLOG": ["The Policy Notebook", "Ramblings from the Riverside", "Civic Matters",
             "Field Notes", "The Lowdown", "Notes from the Ward", "Half Past Deadline"],
    "BCAST": ["Lakeview Broadcasting, Inc.", "Meridian Media Group", "Sunbelt Television LLC",
              "Great Plains Broadcasting Co."],
    "UNI": ["Northbridge", "Eastmoor", "Kingsford", "Lakeside", "Westhaven", "Redcliffe"],
    "FIELD": ["public policy", "epidemiology", "political science", "economics",
              "environmental science", "history", "international relations"],
    "ADNET": ["Google", "Revcontent", "MGID", "Zergnet", "Taboola", "Outbrain"],
    "SPONSOR_B": ["Sponsored", "Promoted", "Ad", "Paid Content", "Partner Content",
                  "Sponsored Links", "Promoted by ShopSmartDeals", "Sponsored | HealthInsider"],
    "CLICKB": [
        "Surgeon Reveals One Food to Avoid After 50",
        "New Hearing Aid Technology Stuns Audiologists",
        "This Is What Happens When You Sleep With Socks On",
        "Investors Are Flocking to This Little-Known Fund",
        "Locals Can't Believe What This Old House Sold For",
        "Forget Expensive Solar Panels, Do This Instead",
        "Top Cardiologist: Stop Eating This Breakfast",
        "Photos That Were Never Meant to Be Seen",
        "The Car Insurance Trick Drivers Wish They Knew Sooner",
    ],
    "TWEET": [
        "Huge thanks to everyone who turned out today 🙏",
        "Statement on this morning's announcement below ⬇️",
        "Road closed in both directions. Please avoid the area. #traffic",
        "What a day. So proud of this team 💪",
        "Doors open at 6pm tonight, see you there!",
        "Our full response is in the thread below 👇",
    ],
}

HEADLINES = [
    "Council votes to close two libraries despite protests",
    "Heatwave warning issued for the weekend",
    "Ferry services suspended as gales batter the coast",
    "Ruling party names new candidate for mayor",
    "Price of onions doubles in a month",
    "Bridge repairs to cause months of delays",
    "Three arrested after jewellery shop raid",
    "Teachers' union threatens strike over pay",
    "Rare white giraffe spotted in national park",
    "Stock exchange suspends trading in mining firm",
    "How to protect your home from flooding",
    "Airport expansion gets green light",
    "Village celebrates 100th birthday of oldest resident",
    "Health ministry confirms new measles cases",
    "Minister defends decision to scrap rail project",
    "Power cuts to continue until end of month",
    "Local side clinches title in final-minute thriller",
    "What we know so far about the bus crash",
    "Fuel subsidy removal sparks protests",
    "Telecom firm fined over dropped calls",
    "Monsoon rains flood low-lying districts",
    "Court adjourns hearing in land dispute case",
    "Startup raises $20m to build electric scooters",
    "Ten of the best walks to try this spring",
    "Water rationing introduced in three suburbs",
    "Police hunt for escaped prisoner",
    "Senator unveils bill to cap insulin prices",
    "Hospital opens new cancer wing",
    "Opinion: Our cities need more trees, not more roads",
    "Explained: Why fuel prices keep rising",
    "Watch: Firefighters rescue kitten from drain",
    "Budget 2020: Key announcements at a glance",
    "Cyclone expected to make landfall on Thursday",
    "Exam results delayed by a week",
    "Central bank governor warns of slow recovery",
    "Farmers demand compensation for crop losses",
    "New app lets commuters track buses in real time",
    "Mayor pledges to fix potholes within a year",
    "Football club sacks manager after poor run",
    "Heavy snow closes mountain pass",
    "Island nation declares climate emergency",
    "Parliament passes controversial media bill",
    "In pictures: Colourful festival marks new year",
    "Photos: Crowds flock to beaches as temperatures soar",
    "Court orders release of detained activist",
    "Smartphone sales fall for the first time",
    "Opposition boycotts parliament session",
    "Zoo welcomes twin panda cubs",
]

CAPTIONS = [
    "Commuters wait for a delayed train at the central station",
    "Supporters wave flags during the rally on Sunday",
    "A worker inspects damaged power lines",
    "Shoppers wear face masks at a market",
    "The flooded main road outside the town hall",
    "Students sit an exam at a secondary school",
    "Emergency crews at the scene of the collision",
    "Fishing boats moored in the harbour",
    "A view of the city skyline at dusk",
    "Delegates listen to a speech at the summit",
    "Farmers harvest wheat in a field",
    "Smoke rises from the factory after the explosion",
    "Fans celebrate after the final whistle",
    "A nurse prepares a vaccine dose at a clinic",
    "Traffic backs up on the motorway",
    "Volunteers hand out food parcels",
    "The damaged roof of a house after the storm",
    "Police officers patrol a deserted street",
    "Lawmakers arrive for a session of parliament",
    "Workers clear debris from the road",
]

TOPICS = [
    "Politics", "Health", "Covid-19", "Climate crisis", "Local government", "Courts",
    "Transport", "Education", "Elections 2020", "Housing", "Economy", "Public safety",
    "Agriculture", "Tourism", "Energy", "Water supply", "Wildlife", "Space", "Budget 2020",
    "Cricket", "Rugby", "Monsoon", "Infrastructure", "Trade", "Human rights",
]

SECTIONS = [
    "News", "World", "Politics", "Business", "Sport", "Local", "National", "Nation", "Metro",
    "Asia", "Africa", "Europe", "Americas", "Middle East", "Science", "Technology", "Health",
    "Environment", "Lifestyle", "Entertainment", "Crime", "Regional",
]


# --------------------------------------------------------------------------------------
# Computed placeholders and item styles (hooks called by heldout_debris.Filler).
# --------------------------------------------------------------------------------------

def _unused(filler, pool):
    taken = set(filler.values.values())
    left = [x for x in pool if x not in taken]
    return filler.rng.choice(left or pool)


def _ago(r):
    n = r.randint(2, 11)
    return r.choice((f"{n} hours ago", f"{n} hrs ago", f"{n}h ago", f"{n * 5} mins ago",
                     f"{n * 4} minutes ago", "1 hour ago", "an hour ago", f"{n} days ago",
                     "yesterday", "just now"))


def _t12l(r):
    return f"{r.randint(1, 12)}:{r.randint(0, 59):02d}{r.choice(('am', 'pm'))}"


def _phone(r):
    k = r.randint(0, 99)
    return r.choice((f"(555) 01{k:02d}", f"555-01{k:02d}", f"+44 20 7946 0{k:03d}",
                     f"020 7946 0{k:03d}", f"(02) 5550 {r.randint(1000, 9999)}",
                     f"+91 98765 4{k:04d}"))


def _ord(d):
    d = int(d)
    return f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


VALUES = {
    "HL": lambda f, r: _unused(f, HEADLINES),
    "HL2": lambda f, r: _unused(f, HEADLINES),
    "HL3": lambda f, r: _unused(f, HEADLINES),
    "CAP": lambda f, r: r.choice(CAPTIONS),
    "OUTLET_B2": lambda f, r: _unused(f, POOLS["OUTLET_B"]),
    "T1": lambda f, r: _unused(f, TOPICS),
    "T2": lambda f, r: _unused(f, TOPICS),
    "T3": lambda f, r: _unused(f, TOPICS),
    "SEC": lambda f, r: _unused(f, SECTIONS),
    "SEC2": lambda f, r: _unused(f, SECTIONS),
    "CITY2_UC": lambda f, r: f.cities[1][0],
    "NAME2_UC": lambda f, r: f.names[1].upper(),
    "HASH1": lambda f, r: "".join(w[0].upper() + w[1:] for w in _unused(f, TOPICS).replace("-", "").split()),
    "HASH2": lambda f, r: "".join(w[0].upper() + w[1:] for w in _unused(f, TOPICS).replace("-", "").split()),
    "HANDLE_LC": lambda f, r: r.choice((".", "_", "")).join(f.names[0].lower().replace("-", " ").split()[:2]),
    "AGO": lambda f, r: _ago(r),
    "AGO_CAP": lambda f, r: (lambda s: s[0].upper() + s[1:])(_ago(r)),
    "T12L": lambda f, r: _t12l(r),
    "T12L2": lambda f, r: _t12l(r),
    "TAP": lambda f, r: f"{r.randint(1, 12)}:{r.randint(0, 59):02d} {r.choice(('a.m.', 'p.m.'))}",
    "T24": lambda f, r: f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}",
    "T24B": lambda f, r: f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}",
    "ORD": lambda f, r: _ord(f("D")),
    "DATE_ISO": lambda f, r: f"{f('YEAR')}-{f('MM2')}-{f('DD2')}",
    "MON3_UC": lambda f, r: f("MON3").upper(),
    "MMSS": lambda f, r: f"{r.randint(0, 12)}:{r.randint(0, 59):02d}",
    "WORDS": lambda f, r: f"{r.randint(4, 18)}{r.randint(0, 9)}{r.randint(0, 9)}",
    "NUMID": lambda f, r: str(r.randint(1000000, 9999999)),
    "W": lambda f, r: r.choice(("640", "800", "1024", "1200")),
    "PHONE": lambda f, r: _phone(r),
    "K_B": lambda f, r: r.choice(("1.2k", "347", "2.1K", "18", "5.6K", "912", "1,087")),
    "YEAR_OLD": lambda f, r: str(r.randint(1998, 2016)),
}


def value(filler, key):
    fn = VALUES.get(key)
    return fn(filler, filler.rng) if fn else None


def items(filler, style):
    """{ITEMS:b_*} styles: 3-6 lines; anything else is left to Filler.items."""
    if not style or not style.startswith("b_"):
        return None
    r = filler.rng
    n = r.randint(3, 6)
    taken = set(filler.values.values())
    heads = r.sample([h for h in HEADLINES if h not in taken], n)
    if style == "b_plain":
        return heads
    if style == "b_ago":
        return [f"{h}\n{_ago(r)}" if r.random() < 0.5 else f"{h} {_ago(r)}" for h in heads]
    if style == "b_date":
        mon = r.choice(POOLS_A_MONTHS)
        return [f"{h}\n{r.randint(1, 28)} {mon} 2020" for h in heads]
    if style == "b_section":
        return [f"{r.choice(SECTIONS)}\n{h}" for h in heads]
    if style == "b_bullet":
        mark = r.choice(("•", "▪", "►", "–", "○"))
        return [f"{mark} {h}" for h in heads]
    if style == "b_numbered":
        fmt = r.choice(("{i}. {h}", "{i} {h}", "{i}\n{h}", "#{i} {h}"))
        return [fmt.format(i=i, h=h) for i, h in enumerate(heads, 1)]
    if style == "b_minread":
        return [f"{h}\n{r.randint(2, 9)} min read" for h in heads]
    if style == "b_video":
        return [f"{h}\n{r.randint(0, 5)}:{r.randint(0, 59):02d}" if r.random() < 0.6
                else f"▶ {h} ({r.randint(0, 5)}:{r.randint(0, 59):02d})" for h in heads]
    if style == "b_sponsored":
        ads = r.sample(POOLS["CLICKB"], min(n, len(POOLS["CLICKB"])))
        return [f"{a}\n{r.choice(POOLS['SPONSOR_B'])}" for a in ads]
    if style == "b_comments":
        return [f"{h} ({r.randint(1, 240)})" if r.random() < 0.5 else f"{h}\n{r.randint(1, 240)} comments" for h in heads]
    if style == "b_author":
        return [f"{h}\nBy {r.choice(POOLS['NAME'])}" for h in heads]
    if style == "b_time":
        return [f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d} {h}" for h in heads]
    if style == "b_arrow":
        mark = r.choice(("»", "→", "▶", "›", "➔"))
        return [f"{mark} {h}" for h in heads]
    if style == "b_topic":
        return r.sample(TOPICS, n)
    if style == "b_photos":
        return [f"{h}\n{r.randint(5, 40)} photos" for h in heads]
    if style == "b_source":
        return [f"{h}\n{r.choice(POOLS['OUTLET_B'])}" for h in heads]
    if style == "b_views":
        return [f"{h}\n{r.randint(2, 90)}.{r.randint(0, 9)}K views" for h in heads]
    return heads


POOLS_A_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]

# --------------------------------------------------------------------------------------
# The catalogue.
# --------------------------------------------------------------------------------------

CATALOGUE = [
    # ---- share widgets -------------------------------------------------------------
    ("share", TB, "Share\nFacebook\nTwitter\nWhatsApp\nEmail"),
    ("share", TB, "Share this article\nShare on Facebook\nShare on Twitter\nShare on LinkedIn\nShare via Email"),
    ("share", TB, "Facebook Twitter Pinterest WhatsApp LinkedIn Email"),
    ("share", B, "Share this:\nClick to share on Facebook (Opens in new window)\nClick to share on Twitter (Opens in new window)\nClick to email a link to a friend (Opens in new window)\nClick to print (Opens in new window)"),
    ("share", B, "Share this:\nTwitter\nFacebook\nLike this:\nLike Loading..."),
    ("share", TB, "{K_B} shares"),
    ("share", T, "{NN} Shares\nShare\nTweet\nPin"),
    ("share", TB, "Share\nTweet\nShare\nShare\nEmail"),
    ("share", TB, "Share Tweet Share Share Email"),
    ("share", TB, "Copy link\nLink copied!"),
    ("share", TB, "Share via\nWhatsApp\nTelegram\nFacebook\nTwitter\nCopy Link"),
    ("share", TB, "Share: Facebook | Twitter | Email | Print"),
    ("share", B, "Share this with\nEmail\nFacebook\nMessenger\nTwitter\nPinterest\nWhatsApp\nLinkedIn\nCopy this link"),
    ("share", TB, "Share on Facebook Share on Twitter Share on Reddit Share on WhatsApp"),
    ("share", T, "Share full article\nGift this article"),
    ("share", TB, "share article\nfacebook\ntwitter\nwhatsapp\nmail"),
    ("share", TB, "SHARE ON:\nf\nt\nin\n✉"),
    ("share", TB, "0 Shares\nFacebook\nTwitter\nLinkedIn"),
    ("share", B, "Share via: Facebook Twitter WhatsApp SMS Email Print Copy URL"),
    ("share", TB, "🔗 Copy link · ✉️ Email · 🐦 Tweet"),
    ("share", T, "Share\n{K_B}\nTweet\n{NN}\nWhatsApp"),
    ("share", M, "Tweet this"),
    ("share", TB, "Facebook\nTwitter\nReddit\nFlipboard\nEmail"),
    ("share", TB, "Share on Facebook (opens new window)\nShare on Twitter (opens new window)\nShare via email (opens new window)"),
    ("share", B, "Share page\nCopy link\nAbout sharing"),
    ("share", T, "Sharing is caring!\n{NN} shares\nFacebook\nPinterest\nTwitter"),
    ("share", B, "Share This Story, Choose Your Platform!\nFacebook Twitter LinkedIn WhatsApp Email"),
    ("share", TB, "Share on WhatsApp\nShare on Telegram"),
    ("share", T, "Shares\n{COUNT}"),
    ("share", B, "Spread the word:"),

    # ---- advertising slugs ---------------------------------------------------------
    ("ad", M, "Advertisement\nContinue Reading Below"),
    ("ad", M, "- Advertisement -"),
    ("ad", M, "Article continues below advertisement"),
    ("ad", M, "Story continues below advertisement"),
    ("ad", M, "This advertisement has not loaded yet, but your article continues below."),
    ("ad", M, "Scroll to continue with content"),
    ("ad", M, "Advertisement · Scroll to continue"),
    ("ad", MB, "Ad Feedback"),
    ("ad", M, "AD"),
    ("ad", M, "Anzeige"),
    ("ad", M, "Werbung"),
    ("ad", M, "Publicidad"),
    ("ad", M, "Publicité"),
    ("ad", M, "Pubblicità"),
    ("ad", M, "Publicidade"),
    ("ad", M, "Reklama"),
    ("ad", M, "Advertentie"),
    ("ad", M, "Annonse"),
    ("ad", M, "Реклама"),
    ("ad", M, "Iklan"),
    ("ad", M, "広告"),
    ("ad", M, "광고"),
    ("ad", M, "إعلان"),
    ("ad", M, "विज्ञापन"),
    ("ad", M, "Advertisment"),
    ("ad", M, "(Advertisement)"),
    ("ad", M, "[ADVERTISEMENT]"),
    ("ad", M, "— ADVERTISEMENT —"),
    ("ad", M, "Content continues below"),
    ("ad", MB, "Advertisement\nReport this ad"),
    ("ad", M, "Advertisement\nHide Ad"),
    ("ad", MB, "Ads by {ADNET}"),
    ("ad", M, "The article continues after this ad"),
    ("ad", M, "ADVERTISING"),
    ("ad", M, "SPONSORED"),
    ("ad", M, "Advertisement\n\nAdvertisement"),

    # ---- bylines -------------------------------------------------------------------
    ("byline", T, "By {NAME}"),
    ("byline", T, "By {NAME} and {NAME2}"),
    ("byline", T, "By {NAME_UC}"),
    ("byline", T, "By {NAME} | {OUTLET_B}"),
    ("byline", T, "{NAME}\n{ROLE_T}"),
    ("byline", T, "{NAME}\n{ROLE_T}\n@{HANDLE}"),
    ("byline", T, "Written by {NAME}"),
    ("byline", T, "Posted by {NAME}"),
    ("byline", T, "By {NAME}, Special to {OUTLET_B}"),
    ("byline", T, "Story by {NAME}"),
    ("byline", T, "{NAME}\n{OUTLET_B}"),
    ("byline", T, "Author: {NAME}"),
    ("byline", T, "By {DESK}"),
    ("byline", T, "{DESK}"),
    ("byline", T, "By {NAME_UC} FOR {OUTLET_B}"),
    ("byline", T, "{NAME} | {CITY_T} Bureau"),
    ("byline", T, "By\n{NAME}"),
    ("byline", T, "By {NAME} • {AGO}"),
    ("byline", T, "By {NAME}, The Associated Press"),
    ("byline", T, "{NAME}\nFollow\n{MON3} {D}, {YEAR} · {N} min read"),
    ("byline", T, "{NAME} headshot\n{NAME}"),
    ("byline", T, "By {NAME}, {CITY_T}"),
    ("byline", T, "Reported by {NAME} | Edited by {NAME2}"),
    ("byline", T, "BY {NAME_UC} AND {NAME2_UC}"),
    ("byline", T, "{NAME}, {ROLE_T}\n{EMAIL}"),

    # ---- author bios (new kind) ----------------------------------------------------
    ("bio", B, "{NAME} is a {ROLE} for {OUTLET_B}, covering {BEAT}."),
    ("bio", B, "About the author\n{NAME} is a {ROLE} based in {CITY_T}."),
    ("bio", B, "{NAME} is a freelance journalist based in {CITY_T}."),
    ("bio", B, "{NAME} has been a reporter with {OUTLET_B} since {YEAR_OLD}. Before that, {NAME} covered {BEAT} for {OUTLET_B2}."),
    ("bio", B, "{NAME} is a professor of {FIELD} at the University of {UNI}."),
    ("bio", B, "View all posts by {NAME} →"),
    ("bio", B, "{NAME}\n{ROLE_T}\n{NAME} writes about {BEAT} for {OUTLET_B}.\nMore from {NAME}"),
    ("bio", B, "ABOUT THE WRITER\n{NAME} is {OUTLET_B}'s {ROLE}."),
    ("bio", B, "{NAME} is a {ROLE} at {OUTLET_B}. Follow on Twitter @{HANDLE}."),

    # ---- timestamps ----------------------------------------------------------------
    ("timestamp", T, "Published {AGO}"),
    ("timestamp", T, "Updated {TIME12} {TZ}, {WDAY3} {MONR} {D}, {YEAR}"),
    ("timestamp", T, "Last modified on {WDAY3} {D} {MON3} {YEAR} {HH}.{MM} GMT"),
    ("timestamp", TB, "First published on {WDAY3} {D} {MON3} {YEAR} {HH}.{MM} BST"),
    ("timestamp", T, "Posted: {MONTH} {D}, {YEAR} / {TAP}"),
    ("timestamp", T, "Published: {DD2}/{MM2}/{YEAR} {T24}"),
    ("timestamp", T, "{WDAY}, {D} {MONTH} {YEAR}"),
    ("timestamp", T, "Updated {N} min ago"),
    ("timestamp", T, "Updated: {MON3} {D}, {YEAR}, {T24} IST"),
    ("timestamp", T, "Published on: {WDAY}, {MONTH} {DD2}, {YEAR}, {T24} [IST]"),
    ("timestamp", T, "Posted on {MONTH} {D}, {YEAR} by {NAME}"),
    ("timestamp", T, "PUBLISHED: {T24} GMT, {D} {MONTH} {YEAR} | UPDATED: {T24B} GMT, {D} {MONTH} {YEAR}"),
    ("timestamp", T, "{DATE_ISO}T{HH}:{MM}:{SS}+00:00"),
    ("timestamp", T, "{AGO_CAP}"),
    ("timestamp", T, "Updated: {TIME12} CST {MONTH} {D}, {YEAR}"),
    ("timestamp", T, "Published {WDAY}, {MONTH} {D}, {YEAR} {T12L} EST\nLast Updated {WDAY}, {MONTH} {D}, {YEAR} {T12L2} EST"),
    ("timestamp", T, "Posted {D} {MON3} {YEAR}, {T12L}\nUpdated {D} {MON3} {YEAR}, {T12L2}"),
    ("timestamp", T, "Published {TIME12}, {MONTH} {DD2}, {YEAR}\nUpdated {TIME12}, {MONTH} {DD2}, {YEAR}"),
    ("timestamp", T, "Published: {MONTH} {DD2}, {YEAR} {T24}\nLast updated: {MONTH} {DD2}, {YEAR} {T24B}"),
    ("timestamp", T, "{DD2} {MONTH} {YEAR} - {T24}"),
    ("timestamp", T, "{WDAY} {MONTH} {D} {YEAR}"),
    ("timestamp", T, "PUBLISHED {MON3_UC} {D}, {YEAR}, {TIME12} SGT"),
    ("timestamp", T, "Published {MONTH} {D}, {YEAR}\nUpdated about {N} hours ago"),
    ("timestamp", T, "{MON3} {D} · {N} min read"),
    ("timestamp", T, "Last Updated on {MONTH} {D}, {YEAR} by {NAME}"),
    ("timestamp", TB, "Date: {DD2}.{MM2}.{YEAR}"),
    ("timestamp", T, "📅 {D} {MON3} {YEAR}  🕑 {T24}"),
    ("timestamp", T, "Created: {WDAY}, {D} {MONTH} {YEAR} {T24}"),

    # ---- captions and photo credits ------------------------------------------------
    ("caption", TM, "{CAP}. (Photo: {NAME2}/{PHOTO_AG})"),
    ("caption", TM, "{CAP}. Photograph: {NAME2}/{PHOTO_AG}"),
    ("caption", TM, "{CAP} | Photo Credit: {PHOTO_AG}"),
    ("caption", TM, "{CAP} | Photo Credit: Special Arrangement"),
    ("caption", TM, "Image: {PHOTO_AG}"),
    ("caption", TM, "Image copyright\n{PHOTO_AG}\nImage caption\n{CAP}"),
    ("caption", TM, "{CAP} (Image: {PHOTO_AG})"),
    ("caption", TM, "{CAP}\nCredit...{NAME2} for {OUTLET_B}"),
    ("caption", TM, "{CAP}. Picture: {PHOTO_AG}"),
    ("caption", TM, "{CAP}. Source:AAP"),
    ("caption", TM, "FILE PHOTO: {CAP} in {CITY_T}, {MONTH} {D}, {YEAR}. REUTERS/{NAME2}/File Photo"),
    ("caption", TM, "{CAP} in {CITY_T}, {MONTH} {D}, {YEAR}. REUTERS/{NAME2}"),
    ("caption", TM, "{CAP} in {CITY_T} on {MONTH} {D}, {YEAR}. (Photo by {NAME2}/AFP via Getty Images)"),
    ("caption", TM, "{CAP}. — {CREDIT_SHORT}"),
    ("caption", TM, "{CAP}. (AP Photo/{NAME2})"),
    ("caption", TM, "{CAP}. (AP Photo/{NAME2}, File)"),
    ("caption", TM, "Photo: {NAME2} / {OUTLET_B}"),
    ("caption", TM, "{CAP}. Photo: Supplied"),
    ("caption", TM, "Enlarge this image\n{CAP}\n{NAME2}/{PHOTO_AG}\ntoggle caption"),
    ("caption", TM, "IMAGE SOURCE, {PHOTO_AG}\nImage caption, {CAP}"),
    ("caption", TM, "{CAP} (Image credit: {NAME2})"),
    ("caption", TM, "{CAP}. Photo by {NAME2} | {OUTLET_B}"),
    ("caption", TM, "{CAP} (File | Photo Credit: PTI)"),
    ("caption", TM, "{CAP}. (Representational image)"),
    ("caption", TM, "Representative image. (Photo: {PHOTO_AG})"),
    ("caption", TM, "{CAP}. CREDIT: {NAME2_UC}"),
    ("caption", TM, "{CAP} ©{PHOTO_AG}"),
    ("caption", TM, "Photo: {PHOTO_AG}\n{CAP}."),

    # ---- reporting / editing credits -----------------------------------------------
    ("credit", B, "Reporting by {NAME} in {CITY_T}; Editing by {NAME2}"),
    ("credit", B, "Reporting by {NAME} and {NAME2}; Additional reporting by {NAME3} in {CITY2_T}; Writing by {NAME4}; Editing by {NAME2}"),
    ("credit", B, "({NAME} reported from {CITY_T}. {NAME2} contributed reporting from {CITY2_T}.)"),
    ("credit", B, "— With files from The Canadian Press"),
    ("credit", B, "With files from {NAME}"),
    ("credit", B, "(With inputs from agencies)"),
    ("credit", B, "With inputs from PTI"),
    ("credit", B, "Additional reporting by {NAME}"),
    ("credit", B, "{NAME} contributed to this report."),
    ("credit", B, "Associated Press writers {NAME} in {CITY_T} and {NAME2} in {CITY2_T} contributed to this report."),
    ("credit", B, "(Reporting by {NAME}; Editing by {NAME2} and {NAME3})"),
    ("credit", B, "Edited by {NAME}"),
    ("credit", B, "Compiled by {NAME}"),
    ("credit", B, "{INI}/{INI2} (AFP, Reuters, dpa)"),
    ("credit", B, "— Reuters"),
    ("credit", B, "-AFP"),
    ("credit", B, "Source: {WIRE}"),
    ("credit", B, "(Additional reporting by {NAME} in {CITY_T})"),
    ("credit", B, "Agencies contributed to this report."),
    ("credit", B, "Fact-checked by {NAME}"),
    ("credit", B, "(Editing by {NAME})"),
    ("credit", B, "– with AAP"),
    ("credit", B, "The Canadian Press"),
    ("credit", B, "Our reporters {NAME} and {NAME2} contributed to this story."),

    # ---- syndication / originally appeared -----------------------------------------
    ("originally", B, "This article originally appeared on {OUTLET_B}."),
    ("originally", TB, "This story was originally published by {OUTLET_B}. Read the original here."),
    ("originally", B, "This article is republished from The Conversation under a Creative Commons license. Read the original article."),
    ("originally", B, "(This story has not been edited by {OUTLET_B} staff and is auto-generated from a syndicated feed.)"),
    ("originally", B, "Disclaimer: This post has been auto-published from an agency feed without any modifications to the text and has not been reviewed by an editor"),
    ("originally", T, "This article first appeared on {OUTLET_B}."),
    ("originally", B, "The post {HL} appeared first on {OUTLET_B}."),
    ("originally", B, "Originally published as {HL}"),
    ("originally", B, "Distributed by Tribune Content Agency, LLC."),
    ("originally", B, "This story was first published on {DOMAIN_B}"),
    ("originally", T, "This article is more than {N} years old"),
    ("originally", B, "Content syndicated from {DOMAIN_B}"),

    # ---- teaser blocks -------------------------------------------------------------
    ("teaser_block", MB, "Related\n{ITEMS:b_plain}"),
    ("teaser_block", MB, "Related Stories\n{ITEMS:b_bullet}"),
    ("teaser_block", MB, "You may also like\n{ITEMS:b_ago}"),
    ("teaser_block", B, "Recommended for you\n{ITEMS:b_minread}"),
    ("teaser_block", B, "Most Read\n{ITEMS:b_numbered}"),
    ("teaser_block", B, "MOST POPULAR\n{ITEMS:b_numbered}"),
    ("teaser_block", MB, "Trending Now\n{ITEMS:b_arrow}"),
    ("teaser_block", B, "Top Stories\n{ITEMS:b_section}"),
    ("teaser_block", B, "Latest News\n{ITEMS:b_time}"),
    ("teaser_block", B, "More from {SEC}\n{ITEMS:b_plain}"),
    ("teaser_block", M, "Also Read\n{ITEMS:b_bullet}"),
    ("teaser_block", B, "MORE FROM {OUTLET_B}\n{ITEMS:b_plain}"),
    ("teaser_block", B, "Editor's Picks\n{ITEMS:b_author}"),
    ("teaser_block", B, "Don't Miss\n{ITEMS:b_plain}"),
    ("teaser_block", B, "What to read next\n{ITEMS:b_plain}"),
    ("teaser_block", B, "Around the web\n{ITEMS:b_sponsored}"),
    ("teaser_block", B, "Promoted Stories\n{ITEMS:b_sponsored}"),
    ("teaser_block", B, "You Might Also Like\nSponsored Links by Taboola\n{ITEMS:b_sponsored}"),
    ("teaser_block", B, "Recommended by\n{ITEMS:b_sponsored}"),
    ("teaser_block", B, "Up next\n{ITEMS:b_video}"),
    ("teaser_block", B, "More Videos\n{ITEMS:b_video}"),
    ("teaser_block", B, "Most Viewed\n{ITEMS:b_views}"),
    ("teaser_block", B, "Most Commented\n{ITEMS:b_comments}"),
    ("teaser_block", MB, "In case you missed it\n{ITEMS:b_plain}"),
    ("teaser_block", B, "Elsewhere on {OUTLET_B}\n{ITEMS:b_plain}"),
    ("teaser_block", B, "Photo galleries\n{ITEMS:b_photos}"),
    ("teaser_block", B, "From our partners\n{ITEMS:b_source}"),
    ("teaser_block", B, "Keep reading\n{ITEMS:b_minread}"),
    ("teaser_block", B, "Related Posts:\n{ITEMS:b_bullet}"),
    ("teaser_block", B, "Stories you may like\n{ITEMS:b_date}"),
    ("teaser_block", B, "LATEST STORIES\n{ITEMS:b_ago}\nSee all"),
    ("teaser_block", B, "More on this story\n{ITEMS:b_date}"),

    # ---- inline teasers ------------------------------------------------------------
    ("inline_teaser", M, "Read more: {HL}"),
    ("inline_teaser", M, "READ MORE: {HL}"),
    ("inline_teaser", M, "Also Read | {HL}"),
    ("inline_teaser", M, "ALSO READ: {HL}"),
    ("inline_teaser", M, "Related: {HL}"),
    ("inline_teaser", M, "RELATED: {HL} →"),
    ("inline_teaser", M, "See also: {HL}"),
    ("inline_teaser", M, "Read also: {HL}"),
    ("inline_teaser", M, "[Read more: {HL}]"),
    ("inline_teaser", M, "› {HL}"),
    ("inline_teaser", M, "Recommended: {HL}"),
    ("inline_teaser", M, "Don't miss: {HL}"),
    ("inline_teaser", M, "MORE: {HL}"),
    ("inline_teaser", M, ">> {HL}"),
    ("inline_teaser", M, "Related story: {HL}"),
    ("inline_teaser", M, "Read: {HL}"),
    ("inline_teaser", M, "Related Article\n{HL}"),
    ("inline_teaser", M, "Also See: {HL}"),
    ("inline_teaser", M, "➤ {HL}"),
    ("inline_teaser", M, "SEE ALSO | {HL}"),
    ("inline_teaser", M, "Suggested Reading\n{HL}\n{HL2}"),
    ("inline_teaser", M, "Also read: {HL} | {HL2}"),
    ("inline_teaser", M, "READ | {HL}"),
    ("inline_teaser", M, "Opinion | {HL}"),

    # ---- newsletter ----------------------------------------------------------------
    ("newsletter", MB, "Sign up for our newsletter"),
    ("newsletter", MB, "Get the latest news delivered to your inbox\nEnter your email address\nSign up"),
    ("newsletter", MB, "Subscribe to our daily newsletter\nEmail Address\nSubscribe\nBy signing up, you agree to our Terms of Use and Privacy Policy."),
    ("newsletter", B, "Thanks for signing up!"),
    ("newsletter", MB, "Sign up for {NEWSLETTER}, {OUTLET_B}'s free morning briefing."),
    ("newsletter", MB, "Want more stories like this? Sign up for our weekly newsletter."),
    ("newsletter", B, "Please enter a valid email address"),
    ("newsletter", B, "Subscribe now\nThanks for reading {NEWSLETTER}! Subscribe for free to receive new posts and support my work."),
    ("newsletter", B, "Type your email…\nSubscribe"),
    ("newsletter", MB, "Get our free newsletter\nOur best stories, delivered each weekday morning."),
    ("newsletter", B, "We'll never share your email address. You can unsubscribe at any time."),
    ("newsletter", MB, "NEWSLETTER\nThe day's top stories, straight to your inbox."),
    ("newsletter", MB, "Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by outside parties."),
    ("newsletter", MB, "📩 Join {NN},000+ readers and get {NEWSLETTER} every morning."),
    ("newsletter", B, "Sign up to {NEWSLETTER}\nYour email\nSign me up"),

    # ---- paywall -------------------------------------------------------------------
    ("paywall", B, "Subscribe to continue reading"),
    ("paywall", TB, "This article is for subscribers only."),
    ("paywall", TB, "You have {N} free articles remaining this month."),
    ("paywall", B, "Already a subscriber? Log in"),
    ("paywall", B, "Subscribe now for just $1 for your first month"),
    ("paywall", B, "To continue reading this article, you must be a paid subscriber.\nSubscribe\nLog in"),
    ("paywall", T, "Premium\nExclusive to subscribers"),
    ("paywall", B, "Unlock this article\nStart your free trial"),
    ("paywall", B, "Register for free to continue reading"),
    ("paywall", B, "You've reached your monthly limit of free articles."),
    ("paywall", B, "Continue reading with a subscription\nGet unlimited digital access"),
    ("paywall", B, "Already have an account? Sign in\nDon't have an account? Register"),
    ("paywall", T, "🔒 Subscriber only"),

    # ---- donation appeals (new kind) -----------------------------------------------
    ("support", B, "Support independent journalism"),
    ("support", MB, "If you value our reporting, please consider making a donation."),
    ("support", B, "Donate\nBecome a member"),
    ("support", B, "Support our journalism. Subscribe today."),
    ("support", B, "Make a one-time contribution\nMake a monthly contribution"),
    ("support", B, "Become a Patron!"),
    ("support", B, "Buy me a coffee ☕"),
    ("support", MB, "Local news matters. Chip in $5 to keep {OUTLET_B} free for everyone."),

    # ---- cookie / consent ----------------------------------------------------------
    ("cookie", TB, "We use cookies to ensure that we give you the best experience on our website. If you continue to use this site we will assume that you are happy with it.\nOk"),
    ("cookie", TB, "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish.\nAccept\nRead More"),
    ("cookie", TB, "Accept all cookies\nManage preferences"),
    ("cookie", TB, "By continuing to browse this site you agree to our use of cookies."),
    ("cookie", T, "We value your privacy\nWe and our partners store and/or access information on a device, such as cookies, and process personal data.\nAGREE\nMORE OPTIONS"),
    ("cookie", TB, "Cookie Settings\nAccept All"),
    ("cookie", B, "Do Not Sell My Personal Information"),
    ("cookie", TB, "This site uses cookies. Find out more.\nOkay, thanks"),
    ("cookie", T, "We have updated our Privacy Policy. By continuing to use this site, you agree to the updated terms.\nGot it"),
    ("cookie", TB, "🍪 This site uses cookies.\nReject all\nAccept all"),

    # ---- browser / site notices ----------------------------------------------------
    ("notice", TB, "JavaScript is disabled in your browser. Please enable JavaScript to use all features."),
    ("notice", T, "You are using an outdated browser. Please upgrade your browser to improve your experience."),
    ("notice", T, "Ad blocker detected\nWe noticed you're using an ad blocker. Please consider supporting us by disabling it."),
    ("notice", T, "This content is not available in your region."),
    ("notice", TM, "Loading…"),
    ("notice", T, "Get push notifications with news, features and more.\nNot now\nAllow"),
    ("notice", T, "Found an error? Highlight it and press Ctrl + Enter"),
    ("notice", T, "For the best experience, please use a modern browser such as Chrome, Firefox or Edge."),
    ("notice", T, "Some features of this page may not work without JavaScript."),
    ("notice", T, "We're having trouble loading this content. Please refresh the page."),

    # ---- comments ------------------------------------------------------------------
    ("comments", B, "{NN} Comments"),
    ("comments", B, "View {NN} comments"),
    ("comments", B, "Leave a Reply\nCancel reply\nYour email address will not be published. Required fields are marked *\nComment\nName *\nEmail *\nWebsite\nSave my name, email, and website in this browser for the next time I comment.\nPost Comment"),
    ("comments", B, "Leave a Comment"),
    ("comments", B, "Comments are closed."),
    ("comments", B, "Comments are now closed for this article."),
    ("comments", B, "Please enable JavaScript to view the comments powered by Disqus."),
    ("comments", B, "comments powered by Disqus"),
    ("comments", B, "0 Comments\nSort by\nOldest\nFacebook Comments Plugin"),
    ("comments", B, "No comments yet. Be the first!"),
    ("comments", B, "Conversation\n{NN} Comments\nLog in\nSign up"),
    ("comments", B, "Show comments"),
    ("comments", B, "You must be logged in to post a comment."),
    ("comments", B, "Read {NN} reader comments"),
    ("comments", B, "Comment guidelines\nPost a comment"),

    # ---- embedded social posts -----------------------------------------------------
    ("embed", M, "{TWEET} pic.twitter.com/{TOKEN}\n— {NAME} (@{HANDLE}) {MONTH} {D}, {YEAR}"),
    ("embed", M, "{TWEET}\n— {OUTLET_B} (@{HANDLE}) {MONTH} {D}, {YEAR}"),
    ("embed", M, "View this post on Instagram\nA post shared by {NAME} (@{HANDLE_LC}) on {MON3} {D}, {YEAR} at {T12L} PST"),
    ("embed", M, "View this post on Instagram\n{TWEET}\nA post shared by {NAME} (@{HANDLE_LC})"),
    ("embed", M, "Posted by {OUTLET_B} on {WDAY}, {MONTH} {D}, {YEAR}"),
    ("embed", M, "@{HANDLE_LC}\n♬ original sound - {NAME}"),
    ("embed", M, "Skip Twitter post by @{HANDLE}\nAllow Twitter content?\nEnd of Twitter post by @{HANDLE}"),
    ("embed", M, "[embedded content]"),
    ("embed", M, "This content is hosted by a third party. Please accept cookies to view it."),
    ("embed", M, "Loading tweet…"),

    # ---- navigation / breadcrumbs --------------------------------------------------
    ("nav", T, "Home » {SEC} » {SEC2}"),
    ("nav", T, "Home / News / {SEC}"),
    ("nav", T, "Home > {SEC} > {SEC2}"),
    ("nav", T, "Skip to main content"),
    ("nav", T, "Skip to content"),
    ("nav", T, "Menu\nSearch\nSign in"),
    ("nav", T, "Sections\nHome\nNews\nSport\nBusiness\nOpinion\nLifestyle"),
    ("nav", T, "Edition: International | US | UK | Australia"),
    ("nav", T, "You are here: Home / {SEC} / {SEC2}"),
    ("nav", B, "Previous article\n{HL}\nNext article\n{HL2}"),
    ("nav", B, "« Previous Post\nNext Post »"),
    ("nav", B, "← Older post\nNewer post →"),
    ("nav", B, "Back to top ↑"),
    ("nav", T, "ENGLISH | हिंदी | தமிழ் | বাংলা"),
    ("nav", T, "ePaper\nNewsletters\nSubscribe"),
    ("nav", T, "Trending: {T1} · {T2} · {T3}"),

    # ---- topics / tags -------------------------------------------------------------
    ("topics", B, "Tags: {T1}, {T2}, {T3}"),
    ("topics", B, "Tagged: {T1} / {T2}"),
    ("topics", B, "Filed under: {T1}"),
    ("topics", B, "Filed Under: {SEC}, {T1}"),
    ("topics", B, "Related Topics\n{ITEMS:b_topic}"),
    ("topics", B, "#{HASH1} #{HASH2}"),
    ("topics", B, "Categories: {SEC}\nTags: {T1}, {T2}"),
    ("topics", B, "Posted in {SEC} | Tagged {T1}, {T2} | Leave a comment"),
    ("topics", TB, "TOPICS\n{ITEMS:b_topic}"),
    ("topics", B, "Explore more on these topics\n{ITEMS:b_topic}"),
    ("topics", B, "Read more about:\n{T1}\n{T2}"),
    ("topics", T, "{SEC} | {T1}"),

    # ---- reading time --------------------------------------------------------------
    ("reading_time", T, "{N} min read"),
    ("reading_time", T, "Reading time: {N} minutes"),
    ("reading_time", T, "⏱ {N} minute read"),
    ("reading_time", T, "Estimated reading time: {N} minutes"),
    ("reading_time", T, "{N}-minute read"),
    ("reading_time", T, "Read Time:{N} Minute, {NN} Second"),
    ("reading_time", T, "Time to read: {N} min"),
    ("reading_time", T, "{WORDS} words · {N} min read"),
    ("reading_time", T, "{N} mins"),

    # ---- page tools ----------------------------------------------------------------
    ("tools", TB, "A-\nA+"),
    ("tools", T, "Text size\nA\nA\nA"),
    ("tools", TB, "Print this page"),
    ("tools", TB, "Save for later"),
    ("tools", TB, "Save\nShare\nPrint"),
    ("tools", TB, "Download PDF"),
    ("tools", B, "Reprints & Permissions"),
    ("tools", T, "Font Size: A A A"),
    ("tools", T, "aA"),
    ("tools", TB, "🖨 Print  ✉ Email"),
    ("tools", T, "Bookmark\nComment\nShare"),
    ("tools", B, "Report an error"),
    ("tools", T, "Translate this page"),

    # ---- app prompts ---------------------------------------------------------------
    ("app", TB, "Get the app"),
    ("app", T, "Open in app"),
    ("app", B, "Download our app: App Store | Google Play"),
    ("app", B, "Download the {OUTLET_B} app to get the latest news on your phone."),
    ("app", B, "GET IT ON\nGoogle Play\nDownload on the\nApp Store"),
    ("app", T, "Read this story in our app"),
    ("app", B, "Catch all the {SEC} News, Breaking News Events and Latest News Updates on {OUTLET_B}."),
    ("app", B, "Stay updated with breaking news. Download the app now."),
    ("app", T, "Continue in app\nNot now"),

    # ---- live-blog leftovers (new kind) --------------------------------------------
    ("live", T, "LIVE"),
    ("live", T, "● LIVE"),
    ("live", T, "Live Updates"),
    ("live", TM, "Show {N} new updates"),
    ("live", T, "Key events\nShow key events only\nPlease turn on JavaScript to use this feature"),
    ("live", T, "BREAKING"),
    ("live", T, "Auto-refresh\nON\nOFF"),
    ("live", TM, "Pinned post"),
    ("live", B, "Live coverage has ended."),
    ("live", T, "Latest updates\nRefresh"),

    # ---- audio players and podcast prompts (new kind) ------------------------------
    ("audio", T, "Listen to this article"),
    ("audio", T, "Listen to this article\n{N} min"),
    ("audio", T, "Your browser does not support the audio element."),
    ("audio", T, "Audio will be available later today."),
    ("audio", T, "Play\n0:00 / {MMSS}"),
    ("audio", T, "Getting your Trinity Audio player ready..."),
    ("audio", T, "Voiced by Amazon Polly"),
    ("audio", B, "Subscribe to {PODCAST} on Apple Podcasts, Spotify or wherever you get your podcasts."),
    ("audio", B, "Listen on Spotify\nListen on Apple Podcasts"),
    ("audio", T, "🎧 Listen · {MMSS}"),
    ("audio", T, "This audio is auto-generated. Please let us know if you have feedback."),

    # ---- video players (new kind) --------------------------------------------------
    ("video", TM, "Now Playing\n{HL}\nUp Next\n{HL2}"),
    ("video", TM, "Media playback is unsupported on your device"),
    ("video", TM, "Your browser does not support the video tag."),
    ("video", TM, "Video\n{MMSS}"),
    ("video", TM, "Play Video"),
    ("video", TM, "Video unavailable\nThis video is unavailable."),
    ("video", TM, "Autoplay\nOn\nOff"),
    ("video", TM, "Next video starting in 5 seconds\nCancel"),
    ("video", TM, "0:00 / {MMSS}"),
    ("video", TM, "Video: {OUTLET_B}"),
    ("video", TM, "Click to play video"),
    ("video", T, "WATCH: {HL}"),

    # ---- galleries (new kind) ------------------------------------------------------
    ("gallery", TM, "1 of {NN}"),
    ("gallery", TM, "View Gallery\n{NN} Photos"),
    ("gallery", TM, "See all {NN} photos"),
    ("gallery", TM, "Previous\nNext\n{N} of {NN}"),
    ("gallery", TM, "Open gallery"),
    ("gallery", TM, "Swipe for more photos →"),
    ("gallery", TM, "Click to enlarge"),
    ("gallery", TM, "Image {N} of {NN}"),
    ("gallery", TM, "+{NN}"),

    # ---- standards / trust ---------------------------------------------------------
    ("standards", B, "Our Standards: The {OUTLET_B} Trust Principles."),
    ("standards", B, "We check for accuracy and fairness. If you see something that doesn't look right, click here to contact us!"),
    ("standards", B, "Editorial Policy\nCorrections Policy\nEthics Policy"),
    ("standards", B, "Why you can trust {OUTLET_B}"),
    ("standards", B, "Learn more about our editorial standards."),
    ("standards", B, "This publication is regulated by the Independent Press Standards Organisation."),
    ("standards", B, "See something that doesn't look right? Let us know."),

    # ---- copyright -----------------------------------------------------------------
    ("copyright", B, "© {YEAR} {OUTLET_B}. All rights reserved."),
    ("copyright", B, "Copyright © {YEAR} {OUTLET_B}"),
    ("copyright", B, "(c) {YEAR} {OUTLET_B}"),
    ("copyright", B, "Copyright {YEAR} The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."),
    ("copyright", B, "© Copyright {OUTLET_B} {YEAR}"),
    ("copyright", B, "Copyright © {YEAR} {OUTLET_B}, Inc. All Rights Reserved."),
    ("copyright", B, "©{YEAR} {OUTLET_B}, Distributed by Tribune Content Agency, LLC."),
    ("copyright", B, "Proudly powered by WordPress | Theme: NewsBlock by Forgewell Themes."),
    ("copyright", B, "{OUTLET_B} © {YEAR}"),
    ("copyright", B, "Copyright {YEAR} {BCAST} All rights reserved. This material may not be published, broadcast, rewritten, or redistributed."),
    ("copyright", B, "Content copyright © {YEAR} by {OUTLET_B}"),
    ("copyright", B, "© {YEAR} {OUTLET_B} Ltd. Registered in England and Wales No. {NUMID}."),
    ("copyright", B, "All content © {YEAR} {OUTLET_B} unless otherwise noted."),

    # ---- follow prompts ------------------------------------------------------------
    ("follow", B, "Follow us on Twitter @{HANDLE} and on Facebook"),
    ("follow", B, "Follow {NAME} on Twitter: @{HANDLE}"),
    ("follow", B, "Follow {OUTLET_B} on Facebook, Twitter and Instagram"),
    ("follow", B, "Like us on Facebook"),
    ("follow", B, "Join our Telegram channel for the latest updates"),
    ("follow", B, "For more news, follow us on Google News"),
    ("follow", B, "Subscribe to our YouTube channel for more videos"),
    ("follow", TB, "Follow @{HANDLE}"),
    ("follow", B, "Connect with us on\nFacebook\nTwitter\nInstagram\nYouTube"),
    ("follow", B, "Follow\n{K_B} followers"),

    # ---- click here ----------------------------------------------------------------
    ("click_here", MB, "Click here for the latest updates on {T1}."),
    ("click_here", B, "Click here to subscribe"),
    ("click_here", MB, "To read more, click here."),
    ("click_here", M, "Tap here to watch the video"),
    ("click_here", M, "If you can't see the video, click here."),
    ("click_here", MB, "Click here to see the full gallery"),
    ("click_here", B, "For more {SEC} news, click here."),
    ("click_here", B, "CLICK HERE TO GET THE {OUTLET_B} APP"),

    # ---- author / newsroom contact lines -------------------------------------------
    ("contact", B, "Contact {NAME} at {EMAIL}."),
    ("contact", B, "Email: {EMAIL}"),
    ("contact", B, "{NAME} can be reached at {EMAIL} or {PHONE}."),
    ("contact", B, "Reach {NAME} at {EMAIL} or follow on Twitter @{HANDLE}."),
    ("contact", B, "Got a news tip? Email us at tips@{DOMAIN_B}"),
    ("contact", B, "Send your feedback to {EMAIL}"),
    ("contact", B, "Do you have a story for us? Get in touch on WhatsApp: {PHONE}"),
    ("contact", B, "Write to {NAME} at {EMAIL}"),
    ("contact", B, "@{HANDLE} | {EMAIL}"),

    # ---- script / style leftovers --------------------------------------------------
    ("script", TMB, "window.dataLayer = window.dataLayer || [];"),
    ("script", M, "googletag.cmd.push(function() { googletag.display('div-gpt-ad-{NUMID}-0'); });"),
    ("script", M, "(adsbygoogle = window.adsbygoogle || []).push({});"),
    ("script", TB, "var _comscore = _comscore || [];"),
    ("script", B, "!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};"),
    ("script", T, ".article-body p { margin-bottom: 1em; }"),
    ("script", T, '{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"{DATE_ISO}"}'),

    # ---- markup / shortcode lines ("tag"; in-text tags come from TEXT_FORMS) --------
    ("tag", M, "<!-- /wp:paragraph -->\n<!-- wp:paragraph -->"),
    ("tag", M, '[caption id="attachment_{NUMID}" align="aligncenter" width="{W}"]{CAP}[/caption]'),
    ("tag", M, "<p>&nbsp;</p>"),
    ("tag", M, "&nbsp;"),
    ("tag", M, '<div class="ad-container"></div>'),
    ("tag", M, "[embed]https://www.youtube.com/watch?v={TOKEN}[/embed]"),
    ("tag", M, "<br />"),
    ("tag", MB, "[/vc_column_text][/vc_column][/vc_row]"),
    ("tag", T, "[ad_1]"),
    ("tag", B, "[sharethis-inline-buttons]"),

    # ---- feedback widgets (new kind) -----------------------------------------------
    ("feedback", B, "Was this article helpful?\nYes\nNo"),
    ("feedback", B, "Did you find this story useful?"),
    ("feedback", B, "Rate this article:\n★★★★★"),
    ("feedback", B, "What's your reaction?\nLike\nLove\nHaha\nWow\nSad\nAngry"),
    ("feedback", B, "😀 Happy\n😐 Neutral\n😡 Angry\n😢 Sad"),
    ("feedback", B, "Thank you for your feedback!"),
    ("feedback", B, "👍 {NN}  👎 {N}"),

    # ---- disclosure / disclaimer lines (new kind) ----------------------------------
    ("disclosure", TB, "We may earn a commission from links on this page."),
    ("disclosure", T, "This post may contain affiliate links. Read our disclosure policy."),
    ("disclosure", B, "Disclosure statement\n{NAME} does not work for, consult, own shares in or receive funding from any company or organisation that would benefit from this article, and has disclosed no relevant affiliations beyond their academic appointment."),
    ("disclosure", B, "Views expressed above are the author's own."),
    ("disclosure", B, "Disclaimer: The views expressed in this article are those of the author and do not necessarily reflect the views of {OUTLET_B}."),
    ("disclosure", B, "Partners\nUniversity of {UNI} provides funding as a member of The Conversation."),
]

# --------------------------------------------------------------------------------------
# Datelines: glued in front of the first paragraph.
# --------------------------------------------------------------------------------------

DATELINES = [
    # AP and US papers
    "{CITY_UC} (AP) — ",
    "{USC} (AP) — ",
    "{INTL_B} (AP) — ",
    "{USC} (AP) -- ",
    "{CITY_UC} (AP) – ",
    "{USC} — ",
    # Reuters
    "{CITY_UC}, {MONR} {D} (Reuters) - ",
    "{CITY_UC} (Reuters) - ",
    "(Reuters) - ",
    "{CITY_UC}/{CITY2_UC} (Reuters) - ",
    # AFP, dpa, EFE, ANSA
    "{CITY_T} (AFP) - ",
    "{CITY_UC}, {MONTH} {D}, {YEAR} (AFP) - ",
    "{DE_CITY_T} (dpa) - ",
    "{DE_CITY_T}, {DD2}.{MM2}.{YEAR} (dpa) – ",
    "{ES_CITY_T}, {MON3} {D} (EFE).- ",
    "(ANSA) - {IT_CITY_UC}, {MON3_UC} {D} - ",
    # Asia-Pacific
    "{JP_CITY_UC}, {MONTH} {D} Kyodo - ",
    "{KR_CITY_UC}, {MONTH} {D} (Yonhap) -- ",
    "{CITY_UC}, {MONTH} {D} (Xinhua) -- ",
    "{IN_CITY}, {MON3} {D} (PTI) ",
    "{IN_CITY}, {MONTH} {D} (IANS) ",
    "{IN_CITY} [India], {MONTH} {D} (ANI): ",
    "{IN_CITY}, {MON3} {D} (UNI) ",
    "{IN_CITY_UC}: ",
    "{PK_CITY_UC}, {MONTH} {D} (APP): ",
    "{PK_CITY_UC}: ",
    "{MY_CITY_UC}, {MONTH} {D} -- ",
    "{AU_CITY_UC} (AAP) - ",
    "{PH_CITY_UC}, Philippines — ",
    "SINGAPORE - ",
    "SINGAPORE — ",
    # Canada, Russia, Turkey, Gulf, Iran
    "{CA_CITY_UC} — ",
    "{CA_CITY_UC} (CP) — ",
    "{RU_CITY_UC}, {MONTH} {D}. /TASS/. ",
    "{TR_CITY_UC}\n",
    "{UAE_CITY_UC}, {ORD} {MONTH}, {YEAR} (WAM) -- ",
    "{SA_CITY_T}, {HIJRI}, {MONTH} {DD2}, {YEAR}, SPA -- ",
    "KUWAIT, {MONTH} {D} (KUNA) -- ",
    "{IR_CITY_T}, IRNA - ",
    "{IR_CITY_T}, {MONTH} {D}, IRNA - ",
    "{UAE_CITY_T}: ",
    # Africa
    "{KE_CITY_UC}, Kenya, {MON3} {D} – ",
    "{ZA_CITY_T} - ",
    "{NG_CITY_T} — ",
    # Broadcasters
    "{CITY_T} (CNN) ",
    "(CNN) ",
    "{CITY_T} (CNN Business) ",
    "{TVDATE} — ",
    "{TVDATE} -- ",
    "({CALL_B}) — ",
    # Press releases and database exports
    "{USC}, {MONTH} {D}, {YEAR} /PRNewswire/ -- ",
    "{USC}--(BUSINESS WIRE)--",
    "{USC}, {MONTH} {D}, {YEAR} (GLOBE NEWSWIRE) -- ",
    "DATELINE: {CITY_UC}, {MONTH} {D}\n",
    "{CITY_UC}\n\n",
]

TITLE_SUFFIXES = [
    " | ABC News", " - The Hindu", " - Pakistan - DAWN.COM", " | Stuff.co.nz", " | RNZ News",
    " | CBC News", " | CTV News", " - Punch Newspapers", " - Vanguard News",
    " | Inquirer News", " | Khaleej Times", " | News24", " | TimesLIVE", " | Irish Examiner",
    " | TheJournal.ie", " | The Straits Times", " « {BLOG}", " – {BLOG}",
    " | by {NAME} | Medium", " - by {NAME} - {NEWSLETTER}", " | DW | {DD2}.{MM2}.{YEAR}",
    " | Sky News", " | South China Morning Post", " - WSB-TV Channel 2 - Atlanta",
    " | KSL.com", " | {OUTLET_B}", " — {OUTLET_B}", " - {OUTLET_B}",
]


# --------------------------------------------------------------------------------------
# Self-check: every form fills with no placeholder left.
# --------------------------------------------------------------------------------------

def _selfcheck():
    import random
    import re
    import sys
    from collections import Counter
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import heldout_debris as h
    h.use_catalogue("b")
    rng = random.Random(1)
    for kind, positions, template in CATALOGUE:
        assert isinstance(positions, (str, tuple)), template
        for _ in range(20):
            out = h.fill(template, rng)
            assert not re.search(r"\{[A-Z0-9_]+(:\w+)?\}", out), (template, out)
    for t in DATELINES + TITLE_SUFFIXES:
        for _ in range(20):
            out = h.fill(t, rng)
            assert not re.search(r"\{[A-Z0-9_]+\}", out), (t, out)
    forms = list(CATALOGUE)
    assert len({t for _, _, t in forms}) == len(forms), "duplicate template"
    c = Counter(k for k, _, _ in CATALOGUE)
    for k, n in sorted(c.items()):
        print(f"{k:<14} {n:>4}")
    print(f"{'dateline':<14} {len(DATELINES):>4}")
    print(f"{'title':<14} {len(TITLE_SUFFIXES):>4}")
    print(f"catalogue {len(CATALOGUE)} forms in {len(c)} kinds; "
          f"{len(CATALOGUE) + len(DATELINES) + len(TITLE_SUFFIXES)} with datelines and title suffixes")
    for _ in range(3):
        k, _, t = rng.choice(CATALOGUE)
        print("---", k, "\n" + h.fill(t, rng))


if __name__ == "__main__":
    _selfcheck()
