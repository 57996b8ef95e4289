//! Lead images and social cards: every width and format written, the
//! `<picture>` markup, feeds and meta tags, the cache, bad images, cards.

use std::io::Cursor;

use broadsheet::build::BuildOptions;
use broadsheet::error::Error;
use broadsheet::serve::{Changes, IncrementalCache};
use image::{ImageFormat, RgbImage, Rgba, RgbaImage};
use scraper::{Html, Selector};

use crate::harness::{NOW, TestSite, attrs};

/// Small widths keep the tests quick: AVIF encoding is the slow part.
const CONFIG: &str = "title = \"Test Digest\"\nbase_url = \"https://news.example.org/\"\n[images]\nwidths = [160, 320, 480]\ncards = true\n";

/// A photograph-like gradient, as JPEG.
fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 128])
    });
    encode(&image::DynamicImage::ImageRgb8(img), ImageFormat::Jpeg)
}

fn png_rgba(w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_pixel(w, h, Rgba([10, 120, 200, 128]));
    encode(&image::DynamicImage::ImageRgba8(img), ImageFormat::Png)
}

fn encode(img: &image::DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), format).unwrap();
    out
}

fn write_bytes(site: &TestSite, rel: &str, bytes: &[u8]) {
    let path = site.path(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A site with one article showing `static/images/lead.jpg` (800×450) and one without an image.
fn site_with_image() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    write_bytes(&site, "static/images/lead.jpg", &jpeg(800, 450));
    site.article(
        "with-image",
        "2025-07-21T10:00:00Z",
        "image = \"images/lead.jpg\"\nimage_alt = \"A gradient\"\nimage_credit = \"Photo: Test Desk\"\ntags = [\"world\"]\n",
        "Body.\n",
    );
    site.article(
        "plain",
        "2025-07-20T10:00:00Z",
        "source = \"example.com\"\ntags = [\"world\"]\n",
        "Body.\n",
    );
    site
}

/// The single image folder `public/images/<id>/`, and its file names.
fn image_files(site: &TestSite) -> (String, Vec<String>) {
    let dir = site.path("public/images");
    let ids: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    assert_eq!(ids.len(), 1, "one image folder: {ids:?}");
    let mut files: Vec<String> = std::fs::read_dir(dir.join(&ids[0]))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    (ids[0].clone(), files)
}

/// Width and height of an AVIF file, from its `ispe` (image spatial extents) box.
fn avif_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[4..8], b"ftyp", "an ISO-BMFF file");
    assert!(bytes[8..32].windows(4).any(|w| w == b"avif"), "AVIF brand");
    let at = bytes
        .windows(4)
        .position(|w| w == b"ispe")
        .expect("an ispe box");
    let u32_at = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    // The box type, then version and flags (4 bytes), then width and height.
    (u32_at(at + 8), u32_at(at + 12))
}

fn decoded_size(site: &TestSite, rel: &str) -> (u32, u32, ImageFormat) {
    let bytes = std::fs::read(site.path(&format!("public/{rel}"))).unwrap();
    let format = image::guess_format(&bytes).unwrap();
    let img = image::load_from_memory(&bytes).unwrap();
    (img.width(), img.height(), format)
}

#[test]
fn a_lead_image_is_written_in_every_width_and_format() {
    let site = site_with_image();
    let summary = site.build_ok();
    let (id, files) = image_files(&site);
    assert_eq!(
        files,
        [
            "160.avif", "160.jpg", "160.webp", "320.avif", "320.jpg", "320.webp", "480.avif",
            "480.jpg", "480.webp"
        ]
    );
    for (w, h) in [(160, 90), (320, 180), (480, 270)] {
        let base = format!("images/{id}/{w}");
        assert_eq!(
            decoded_size(&site, &format!("{base}.jpg")),
            (w, h, ImageFormat::Jpeg)
        );
        assert_eq!(
            decoded_size(&site, &format!("{base}.webp")),
            (w, h, ImageFormat::WebP)
        );
        let avif = std::fs::read(site.path(&format!("public/{base}.avif"))).unwrap();
        assert_eq!(avif_size(&avif), (w, h), "{base}.avif");
    }
    // One image and the plain article's, edition's and terms' cards.
    assert!(
        summary.images_processed >= 2,
        "{}",
        summary.images_processed
    );
}

#[test]
fn a_png_with_transparency_keeps_a_png_fallback_and_small_images_are_not_enlarged() {
    let site = TestSite::with_config(CONFIG);
    write_bytes(&site, "static/logo.png", &png_rgba(100, 80));
    site.article(
        "logo",
        "2025-07-21T10:00:00Z",
        "image = \"/logo.png\"\n",
        "Body.\n",
    );
    site.build_ok();
    let (id, files) = image_files(&site);
    assert_eq!(files, ["100.avif", "100.png", "100.webp"]);
    let img = image::load_from_memory(
        &std::fs::read(site.path(&format!("public/images/{id}/100.png"))).unwrap(),
    )
    .unwrap();
    assert!(img.color().has_alpha());
    assert_eq!((img.width(), img.height()), (100, 80));
}

#[test]
fn the_article_page_has_an_eager_picture_and_lists_a_lazy_thumbnail() {
    let site = site_with_image();
    site.build_ok();
    let (id, _) = image_files(&site);
    let page = site.html("articles/with-image/index.html");
    let sel = |s: &str| Selector::parse(s).unwrap();
    let sources: Vec<_> = page
        .select(&sel(".lead-figure picture > source"))
        .map(|s| {
            (
                s.attr("type").unwrap().to_owned(),
                s.attr("srcset").unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(sources.len(), 2);
    assert_eq!(sources[0].0, "image/avif");
    assert_eq!(
        sources[0].1,
        format!(
            "/images/{id}/160.avif 160w, /images/{id}/320.avif 320w, /images/{id}/480.avif 480w"
        )
    );
    assert_eq!(sources[1].0, "image/webp");
    let img = page
        .select(&sel(".lead-figure picture > img"))
        .next()
        .expect("a fallback img");
    let a = |name: &str| img.attr(name).unwrap_or_default().to_owned();
    assert_eq!(a("src"), format!("/images/{id}/480.jpg"));
    assert_eq!((a("width"), a("height")), ("480".into(), "270".into()));
    assert_eq!(a("alt"), "A gradient");
    assert_eq!(a("loading"), "eager");
    assert_eq!(a("fetchpriority"), "high");
    assert!(a("srcset").contains(&format!("/images/{id}/160.jpg 160w")));
    assert!(!a("sizes").is_empty());
    assert_eq!(
        crate::harness::texts(&page, ".image-credit"),
        ["Photo: Test Desk"]
    );
    // Shared pages point at the image's largest fallback, with its size.
    let permalink = format!("https://news.example.org/images/{id}/480.jpg");
    assert_eq!(
        attrs(&page, "meta[property='og:image']", "content"),
        [permalink.as_str()]
    );
    assert_eq!(
        attrs(&page, "meta[property='og:image:width']", "content"),
        ["480"]
    );
    assert_eq!(
        attrs(&page, "meta[name='twitter:card']", "content"),
        ["summary_large_image"]
    );
    let json_ld = page
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .unwrap()
        .inner_html();
    let json_ld: serde_json::Value = serde_json::from_str(&json_ld).unwrap();
    assert_eq!(json_ld["image"], serde_json::json!([permalink]));

    // The home page lists a lazy thumbnail, the smallest width.
    let home = site.html("index.html");
    let thumbs: Vec<_> = home.select(&sel(".card-image picture > img")).collect();
    assert_eq!(thumbs.len(), 1);
    assert_eq!(thumbs[0].attr("loading"), Some("lazy"));
    assert_eq!(
        thumbs[0].attr("src"),
        Some(format!("/images/{id}/160.jpg").as_str())
    );
    assert_eq!(thumbs[0].attr("width"), Some("160"));
    assert_eq!(thumbs[0].attr("height"), Some("90"));
}

#[test]
fn feeds_carry_the_lead_image() {
    let site = TestSite::with_config(
        "title = \"T\"\nbase_url = \"https://news.example.org/\"\n[feeds]\nrss = true\njson = true\n[images]\nwidths = [160, 320]\n",
    );
    write_bytes(&site, "static/images/lead.jpg", &jpeg(400, 300));
    site.article(
        "with-image",
        "2025-07-21T10:00:00Z",
        "image = \"images/lead.jpg\"\n",
        "Body.\n",
    );
    site.build_ok();
    let (id, _) = image_files(&site);
    let url = format!("https://news.example.org/images/{id}/320.jpg");

    let atom = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let enclosure = doc
        .descendants()
        .find(|n| n.has_tag_name("link") && n.attribute("rel") == Some("enclosure"))
        .expect("an Atom enclosure");
    assert_eq!(enclosure.attribute("href"), Some(url.as_str()));
    assert_eq!(enclosure.attribute("type"), Some("image/jpeg"));

    let rss = site.read("rss.xml");
    let doc = roxmltree::Document::parse(&rss).unwrap();
    let enclosure = doc
        .descendants()
        .find(|n| n.has_tag_name("enclosure"))
        .expect("an RSS enclosure");
    assert_eq!(enclosure.attribute("url"), Some(url.as_str()));
    assert_eq!(enclosure.attribute("type"), Some("image/jpeg"));

    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["items"][0]["image"], url.as_str());
}

fn rebuild_from_scratch(site: &TestSite) -> broadsheet::build::BuildSummary {
    // Without the output and the build manifest, everything is rendered again.
    std::fs::remove_dir_all(site.path("public")).unwrap();
    for entry in std::fs::read_dir(site.path(".broadsheet")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "manifest") {
            std::fs::remove_file(path).unwrap();
        }
    }
    site.build_ok()
}

#[test]
fn a_second_build_processes_no_image_and_new_bytes_make_new_addresses() {
    let site = site_with_image();
    let first = site.build_ok();
    assert!(first.images_processed > 0);
    let (id, _) = image_files(&site);
    let before = std::fs::read(site.path(&format!("public/images/{id}/320.avif"))).unwrap();
    let card = std::fs::read(site.path("public/articles/plain/card.png")).unwrap();

    let second = rebuild_from_scratch(&site);
    assert_eq!(
        second.images_processed, 0,
        "everything comes from the cache"
    );
    assert_eq!(
        std::fs::read(site.path(&format!("public/images/{id}/320.avif"))).unwrap(),
        before
    );
    assert_eq!(
        std::fs::read(site.path("public/articles/plain/card.png")).unwrap(),
        card
    );

    // New bytes: one image processed, at a new address, on every page that shows it.
    write_bytes(&site, "static/images/lead.jpg", &jpeg(400, 200));
    let third = site.build_ok();
    assert_eq!(third.images_processed, 1);
    let (new_id, files) = image_files(&site);
    assert_ne!(new_id, id);
    assert!(files.contains(&"400.jpg".to_owned()), "{files:?}");
    let home = site.read("index.html");
    assert!(home.contains(&format!("/images/{new_id}/160.jpg")));
    assert!(!home.contains(&id));
}

#[test]
fn serve_rerenders_the_pages_of_a_changed_image() {
    let site = site_with_image();
    let options = BuildOptions {
        now: Some(NOW.parse().unwrap()),
        output_dir: Some(site.path("preview")),
        ..BuildOptions::default()
    };
    let mut s = IncrementalCache::new(site.root(), options);
    s.build(&Changes::All).unwrap();
    let again = s.build(&Changes::Paths(vec![])).unwrap();
    assert_eq!(again.images_processed, 0);
    assert_eq!(again.rendered, Vec::<String>::new());

    write_bytes(&site, "static/images/lead.jpg", &jpeg(600, 300));
    let after = s
        .build(&Changes::Paths(vec![site.path("static/images/lead.jpg")]))
        .unwrap();
    assert_eq!(after.images_processed, 1);
    for page in ["articles/with-image/", "", "tags/world/"] {
        assert!(
            after.rendered.iter().any(|r| r == page),
            "{page} re-rendered: {:?}",
            after.rendered
        );
    }
    // Cards do not show the image: none is drawn again.
    assert!(
        !after.rendered.iter().any(|r| r.ends_with("card.png")),
        "{:?}",
        after.rendered
    );
}

/// A PNG header announcing `w`×`h` pixels, with no pixel data.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut chunk = b"IHDR".to_vec();
    chunk.extend(w.to_be_bytes());
    chunk.extend(h.to_be_bytes());
    chunk.extend([8, 2, 0, 0, 0]); // 8-bit RGB
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    // The header, then the start of pixel data that never comes.
    for chunk in [chunk, b"IDAT\x78\x9c\x00\x00".to_vec()] {
        out.extend((chunk.len() as u32 - 4).to_be_bytes());
        out.extend(&chunk);
        out.extend(crc32(&chunk).to_be_bytes());
    }
    out
}

#[test]
fn unusable_images_are_warnings_naming_the_article_and_line() {
    let site = TestSite::with_config(CONFIG);
    write_bytes(&site, "static/huge.png", &png_header(20_000, 20_000));
    write_bytes(&site, "static/text.jpg", b"this is not an image");
    for (name, image) in [
        ("missing", "nowhere.jpg"),
        ("huge", "huge.png"),
        ("text", "text.jpg"),
        ("escape", "../config.toml"),
    ] {
        site.article(
            name,
            "2025-07-21T10:00:00Z",
            &format!("tags = [\"x\"]\nimage = \"{image}\"\n"),
            "Body.\n",
        );
    }
    // Refused from the header: a 20,000×20,000 image is never decoded.
    let summary = site.build_ok();
    let warnings: Vec<String> = summary
        .warnings
        .iter()
        .filter(|d| d.code == "image")
        .map(|d| {
            format!(
                "{}:{}: {}",
                d.file,
                d.location.map(|l| l.line).unwrap_or(0),
                d.message
            )
        })
        .collect();
    insta::assert_yaml_snapshot!(warnings);
    // The pages are built without the image, with a social card instead.
    for name in ["missing", "huge", "text", "escape"] {
        let page = site.html(&format!("articles/{name}/index.html"));
        assert!(crate::harness::texts(&page, "picture").is_empty());
        assert_eq!(
            attrs(&page, "meta[property='og:image']", "content"),
            [format!("https://news.example.org/articles/{name}/card.png")]
        );
        assert!(site.exists(&format!("articles/{name}/card.png")));
    }
}

#[test]
fn a_truncated_jpeg_is_an_error_naming_the_article() {
    let site = TestSite::with_config(CONFIG);
    let full = jpeg(800, 450);
    write_bytes(&site, "static/cut.jpg", &full[..full.len() / 3]);
    site.article(
        "cut",
        "2025-07-21T10:00:00Z",
        "image = \"cut.jpg\"\n",
        "Body.\n",
    );
    match site.build() {
        Err(Error::Site(d)) => {
            let d: Vec<_> = d.iter().filter(|d| d.code == "image").collect();
            assert_eq!(d.len(), 1, "{d:?}");
            assert_eq!(d[0].file, "content/articles/cut.md");
            assert_eq!(d[0].location.map(|l| l.line), Some(4));
            assert!(d[0].message.contains("static/cut.jpg"), "{}", d[0].message);
            assert!(!site.path("public").exists(), "nothing is written");
        }
        Ok(_) => {
            // The decoder may fill in the missing rows; then the image must
            // still be complete in every width.
            let (_, files) = image_files(&site);
            assert_eq!(files.len(), 9);
        }
        Err(e) => panic!("{e}"),
    }
}

/// `jpeg` with an EXIF block saying "rotate 90° clockwise to show" (orientation 6).
fn rotated_jpeg(w: u32, h: u32) -> Vec<u8> {
    let plain = jpeg(w, h);
    let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    tiff.extend(1u16.to_be_bytes()); // one entry
    tiff.extend(0x0112u16.to_be_bytes()); // Orientation
    tiff.extend(3u16.to_be_bytes()); // SHORT
    tiff.extend(1u32.to_be_bytes());
    tiff.extend([0, 6, 0, 0]);
    tiff.extend(0u32.to_be_bytes()); // no next IFD
    let mut app1 = b"Exif\x00\x00".to_vec();
    app1.extend(tiff);
    let mut out = plain[..2].to_vec(); // SOI
    out.extend([0xff, 0xe1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&plain[2..]);
    out
}

#[test]
fn exif_rotation_is_applied() {
    let site = TestSite::with_config(CONFIG);
    write_bytes(&site, "static/turned.jpg", &rotated_jpeg(400, 200));
    site.article(
        "turned",
        "2025-07-21T10:00:00Z",
        "image = \"turned.jpg\"\n",
        "Body.\n",
    );
    site.build_ok();
    let (id, files) = image_files(&site);
    // Upright it is 200×400: widths up to 200.
    assert_eq!(
        files,
        [
            "160.avif", "160.jpg", "160.webp", "200.avif", "200.jpg", "200.webp"
        ]
    );
    assert_eq!(
        decoded_size(&site, &format!("images/{id}/200.jpg")),
        (200, 400, ImageFormat::Jpeg)
    );
    let page = site.html("articles/turned/index.html");
    assert_eq!(attrs(&page, ".lead-image", "height"), ["400"]);
}

#[test]
fn pages_without_an_image_get_a_social_card() {
    let site = site_with_image();
    site.build_ok();
    // The article without an image, the day's edition and the term.
    for (page, card) in [
        ("articles/plain/index.html", "articles/plain/card.png"),
        ("tags/world/index.html", "tags/world/card.png"),
    ] {
        let (w, h, format) = decoded_size(&site, card);
        assert_eq!((w, h, format), (1200, 630, ImageFormat::Png), "{card}");
        let html = site.html(page);
        assert_eq!(
            attrs(&html, "meta[property='og:image']", "content"),
            [format!("https://news.example.org/{card}")]
        );
        assert_eq!(
            attrs(&html, "meta[name='twitter:card']", "content"),
            ["summary_large_image"]
        );
    }
    let editions: Vec<_> = site
        .html_files()
        .into_iter()
        .filter(|f| f.starts_with("editions/2") && f.ends_with("index.html"))
        .collect();
    assert!(!editions.is_empty());
    for page in &editions {
        let card = page.replace("index.html", "card.png");
        assert_eq!(decoded_size(&site, &card).0, 1200, "{card}");
    }
    // The article with an image has no card of its own.
    assert!(!site.exists("articles/with-image/card.png"));
    // The card shows text: dark headline pixels on the light background.
    let card = image::load_from_memory(
        &std::fs::read(site.path("public/articles/plain/card.png")).unwrap(),
    )
    .unwrap()
    .to_rgb8();
    let dark = card.pixels().filter(|p| p.0[0] < 80).count();
    assert!(dark > 5_000, "{dark} dark pixels");
}

#[test]
fn a_site_can_override_the_card_template() {
    let site = site_with_image();
    site.write(
        "templates/card.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{{ card.width }}\" height=\"{{ card.height }}\"><rect width=\"100%\" height=\"100%\" fill=\"#00ff00\"/><text x=\"10\" y=\"50\">{{ card.lines | join(sep=' ') }}</text></svg>",
    );
    site.article("risky", "2025-07-19T10:00:00Z", "", "Body.\n");
    site.write(
        "content/articles/risky.md",
        "+++\ntitle = \"Tom & Jerry <b>\"\ndate = 2025-07-19T10:00:00Z\n+++\nBody.\n",
    );
    site.build_ok();
    let card = image::load_from_memory(
        &std::fs::read(site.path("public/articles/risky/card.png")).unwrap(),
    )
    .unwrap()
    .to_rgb8();
    assert_eq!(card.dimensions(), (1200, 630));
    assert_eq!(card.get_pixel(1100, 600).0, [0, 255, 0]);
}

#[test]
fn cards_can_be_turned_off() {
    let site = TestSite::with_config(
        "title = \"T\"\nbase_url = \"https://news.example.org/\"\n[images]\ncards = false\n",
    );
    site.article("plain", "2025-07-21T10:00:00Z", "", "Body.\n");
    let summary = site.build_ok();
    assert_eq!(summary.images_processed, 0);
    assert!(!site.exists("articles/plain/card.png"));
    let page: Html = site.html("articles/plain/index.html");
    assert!(attrs(&page, "meta[property='og:image']", "content").is_empty());
    assert_eq!(
        attrs(&page, "meta[name='twitter:card']", "content"),
        ["summary"]
    );
}

#[test]
fn an_article_in_a_folder_of_its_own_shows_the_image_beside_it() {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/articles/world/2025-07-21-harbour/index.md",
        "+++\ntitle = \"Harbour\"\ndate = 2025-07-21T10:00:00Z\ntags = [\"world\"]\nimage = \"lead.jpg\"\nimage_alt = \"The harbour\"\n+++\nThe chart: ![Tides](img/tides.png)\n",
    );
    write_bytes(
        &site,
        "content/articles/world/2025-07-21-harbour/lead.jpg",
        &jpeg(800, 450),
    );
    write_bytes(
        &site,
        "content/articles/world/2025-07-21-harbour/img/tides.png",
        &png_rgba(40, 20),
    );
    let summary = site.build_ok();
    assert!(
        summary.warnings.is_empty(),
        "no file is left out: {:?}",
        summary.warnings
    );
    // Named by its folder; the image processed like one of `static/`.
    let page = site.html("articles/harbour/index.html");
    let (id, files) = image_files(&site);
    assert_eq!(files.len(), 9, "{files:?}");
    assert_eq!(
        attrs(&page, "article picture img", "src"),
        [format!("/images/{id}/480.jpg")]
    );
    assert_eq!(attrs(&page, "article picture img", "alt"), ["The harbour"]);
    // Every other file of the folder is published beside the page, so the
    // body's relative links work; nothing outside the output is written.
    assert_eq!(
        attrs(&page, "article img[alt='Tides']", "src"),
        ["img/tides.png"]
    );
    assert_eq!(
        std::fs::read(site.path("public/articles/harbour/img/tides.png")).unwrap(),
        png_rgba(40, 20)
    );
    assert!(site.exists("articles/harbour/lead.jpg"));
    assert!(!site.path("public/articles/world").exists());
}

#[test]
fn an_image_path_may_not_leave_the_articles_folder() {
    let site = TestSite::with_config(CONFIG);
    write_bytes(&site, "static/lead.jpg", &jpeg(320, 180));
    for (name, image) in [("up", "../outside.jpg"), ("rooted", "/lead.jpg")] {
        site.write(
            &format!("content/articles/{name}/index.md"),
            &format!("+++\ntitle = \"{name}\"\ndate = 2025-07-21T10:00:00Z\nimage = \"{image}\"\n+++\nBody.\n"),
        );
    }
    write_bytes(&site, "content/articles/outside.jpg", &jpeg(320, 180));
    let summary = site.build_ok();
    let warned: Vec<(&str, &str)> = summary
        .warnings
        .iter()
        .map(|d| (d.code, d.file.as_str()))
        .collect();
    // `../` is refused; a file outside every article's folder is not published.
    assert_eq!(
        warned,
        [
            ("ignored-file", "content/articles/outside.jpg"),
            ("image", "content/articles/up/index.md")
        ]
    );
    // A path from `/` is a file of `static/`.
    let page = site.html("articles/rooted/index.html");
    assert_eq!(attrs(&page, "article picture img", "width"), ["320"]);
    assert!(crate::harness::texts(&site.html("articles/up/index.html"), "picture").is_empty());
}
