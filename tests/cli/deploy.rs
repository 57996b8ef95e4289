//! `deploy`: against real servers started here on 127.0.0.1 (OpenSSH's
//! sshd for rsync, moto's S3 server, a bare git repository). Each test
//! checks what the server ends up holding, not only what deploy says.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

use crate::harness::TestSite;
use crate::servers::{S3Server, Sshd, skipped, tree};

const CONFIG: &str = "title = \"Test Digest\"\nbase_url = \"https://news.example.org/\"\n";

/// Runs `broadsheet deploy ARGS` on the site with only `PATH` and `env` set.
fn deploy(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .arg("deploy")
        .args(args)
        .arg("--root")
        .arg(site.root())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .current_dir(site.root())
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Deploys and checks that it worked; returns stderr.
fn deploy_ok(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = deploy(site, args, env);
    assert!(out.status.success(), "deploy failed: {}", stderr(&out));
    stderr(&out)
}

/// The dry run's listing: verb → paths.
fn dry_run(site: &TestSite, env: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
    dry_run_env(site, &[], env)
}

/// The dry run's listing with more arguments.
fn dry_run_with(site: &TestSite, args: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    dry_run_env(site, args, &[])
}

fn dry_run_env(
    site: &TestSite,
    args: &[&str],
    env: &[(&str, &str)],
) -> BTreeMap<String, BTreeSet<String>> {
    let mut args = args.to_vec();
    args.push("--dry-run");
    let out = deploy(site, &args, env);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut plan: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let (verb, path) = line.split_once(' ').expect("`verb path` lines");
        plan.entry(verb.to_owned())
            .or_default()
            .insert(path.to_owned());
    }
    plan
}

/// Output files whose bytes differ between two trees (or that are new).
fn changed(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> BTreeSet<String> {
    after
        .iter()
        .filter(|(p, bytes)| before.get(*p) != Some(bytes))
        .map(|(p, _)| p.clone())
        .collect()
}

/// Changes the body of article `a-2`.
fn edit_article(site: &TestSite) {
    site.article(
        "a-2",
        "2025-07-20T23:00:00Z",
        "tags = [\"all\"]\nsource = \"example.com\"\n",
        "An edited paragraph.\n",
    );
}

fn rsync_site(sshd: &Sshd, remote: &Path, extra: &str) -> TestSite {
    let site = TestSite::with_config(&format!(
        "{CONFIG}\n[[deploy]]\nname = \"web\"\nkind = \"rsync\"\ndestination = \"{}\"\nrsh = \"{}\"\n{extra}",
        sshd.destination(remote),
        sshd.rsh()
    ));
    site.articles(3);
    site
}

#[test]
fn rsync_sends_everything_then_nothing_then_only_the_changed_files() {
    let Some(sshd) = Sshd::start() else { return };
    let remote_dir = tempfile::tempdir().unwrap();
    let remote = remote_dir.path().join("www/site");
    let site = rsync_site(&sshd, &remote, "");

    let first = deploy_ok(&site, &[], &[]);
    let public = tree(&site.path("public"));
    assert_eq!(tree(&remote), public, "the server holds the site");
    assert!(
        first.contains(&format!("{} uploaded", public.len())),
        "{first}"
    );

    // A file changed on the server behind deploy's back shows whether
    // deploy sends it again.
    std::fs::write(remote.join("robots.txt"), "tampered").unwrap();
    let second = deploy_ok(&site, &[], &[]);
    assert!(
        second.contains("0 uploaded, 0 replaced, 0 deleted"),
        "{second}"
    );
    assert_eq!(
        std::fs::read_to_string(remote.join("robots.txt")).unwrap(),
        "tampered"
    );

    edit_article(&site);
    let plan = dry_run(&site, &[]);
    let after = tree(&site.path("public"));
    let changed = changed(&public, &after);
    assert!(changed.contains("articles/a-2/index.html"), "{changed:?}");
    assert!(
        changed.len() < public.len() / 2,
        "an edit changes a few files: {changed:?}"
    );
    let sent: BTreeSet<String> = plan
        .get("upload")
        .into_iter()
        .chain(plan.get("replace"))
        .flatten()
        .cloned()
        .collect();
    assert_eq!(sent, changed, "the dry run lists exactly the changed files");
    assert!(!plan.contains_key("delete"));
    assert_eq!(
        tree(&remote)["articles/a-2/index.html"],
        public["articles/a-2/index.html"],
        "a dry run sends nothing"
    );

    deploy_ok(&site, &[], &[]);
    let on_server = tree(&remote);
    for path in &changed {
        assert_eq!(on_server[path], after[path], "{path} was sent");
    }
    assert_eq!(
        on_server["robots.txt"], b"tampered",
        "unchanged files were not sent"
    );
}

#[test]
fn rsync_deletes_respect_the_guard() {
    let Some(sshd) = Sshd::start() else { return };
    let remote_dir = tempfile::tempdir().unwrap();
    let remote = remote_dir.path().join("site");
    let site = rsync_site(&sshd, &remote, "");
    deploy_ok(&site, &[], &[]);
    let before = tree(&remote);

    std::fs::remove_file(site.path("content/articles/a-2.md")).unwrap();
    std::fs::remove_file(site.path("content/articles/a-3.md")).unwrap();
    let plan = dry_run(&site, &[]);
    let deletes = &plan["delete"];
    assert!(
        deletes.contains("articles/a-2/index.html") && deletes.len() >= 2,
        "{deletes:?}"
    );

    let refused = deploy(&site, &["--max-deletes", "1"], &[]);
    assert_eq!(refused.status.code(), Some(2));
    let message = stderr(&refused);
    assert!(
        message.contains(&format!(
            "would delete {} files, more than --max-deletes 1",
            deletes.len()
        )),
        "{message}"
    );
    let message: Vec<&str> = message
        .lines()
        .filter(|l| !l.starts_with("Built "))
        .collect();
    insta::assert_snapshot!("delete_guard", message.join("\n"));
    assert_eq!(tree(&remote), before, "a refused deploy changes nothing");

    deploy_ok(&site, &["--force", "--max-deletes", "1"], &[]);
    let after = tree(&remote);
    for path in deletes {
        assert!(!after.contains_key(path), "{path} was deleted");
    }
    assert_eq!(after, tree(&site.path("public")));
}

fn s3_env() -> [(&'static str, &'static str); 2] {
    [
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
    ]
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn s3_sets_headers_and_sends_only_what_changed() {
    let Some(s3) = S3Server::start() else { return };
    s3.create_bucket("site");
    let site = TestSite::with_config(&format!(
        "{CONFIG}\n[[deploy]]\nname = \"bucket\"\nkind = \"s3\"\nbucket = \"site\"\nendpoint = \"{}\"\ncompress = \"gzip\"\ncache_control = [{{ pattern = \"favicon.svg\", value = \"public, max-age=7\" }}]\n\n[[deploy]]\nname = \"brotli\"\nkind = \"s3\"\nbucket = \"site\"\nendpoint = \"{0}\"\nprefix = \"/br/\"\ncompress = \"br\"\n",
        s3.endpoint
    ));
    site.articles(3);
    let env = s3_env();
    deploy_ok(&site, &[], &env);
    let public = tree(&site.path("public"));

    let page = s3
        .head("site", "articles/a-2/index.html")
        .expect("the page was uploaded");
    assert_eq!(page["content-type"], "text/html; charset=utf-8");
    assert_eq!(page["cache-control"], "public, max-age=300");
    assert_eq!(page["content-encoding"], "gzip");
    assert_eq!(
        gunzip(&s3.get("site", "articles/a-2/index.html")),
        public["articles/a-2/index.html"]
    );
    let css = s3.head("site", "style.css").unwrap();
    assert_eq!(css["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(css["content-type"], "text/css; charset=utf-8");
    assert_eq!(
        s3.head("site", "favicon.svg").unwrap()["cache-control"],
        "public, max-age=7"
    );
    for path in public.keys() {
        assert!(s3.head("site", path).is_some(), "{path} is in the bucket");
    }

    // A second target: brotli, under a prefix, no state shared with the first.
    let br = deploy_ok(&site, &["brotli"], &env);
    assert!(br.contains(&format!("{} uploaded", public.len())), "{br}");
    let page = s3
        .head("site", "br/articles/a-2/index.html")
        .expect("under the prefix");
    assert_eq!(page["content-encoding"], "br");
    let mut text = Vec::new();
    brotli::Decompressor::new(&s3.get("site", "br/articles/a-2/index.html")[..], 4096)
        .read_to_end(&mut text)
        .unwrap();
    assert_eq!(text, public["articles/a-2/index.html"]);
    let png = s3.head("site", "br/favicon.svg").unwrap();
    assert_eq!(png["content-type"], "image/svg+xml");

    // An object removed behind deploy's back shows whether it is sent again.
    s3.delete("site", "robots.txt");
    let second = deploy_ok(&site, &[], &env);
    assert!(
        second.contains("0 uploaded, 0 replaced, 0 deleted"),
        "{second}"
    );
    assert!(
        s3.head("site", "robots.txt").is_none(),
        "nothing was sent again"
    );

    edit_article(&site);
    let plan = dry_run(&site, &env);
    let after = tree(&site.path("public"));
    let sent: BTreeSet<String> = plan.values().flatten().cloned().collect();
    assert_eq!(sent, changed(&public, &after));
    deploy_ok(&site, &[], &env);
    assert_eq!(
        gunzip(&s3.get("site", "articles/a-2/index.html")),
        after["articles/a-2/index.html"]
    );
    assert!(
        s3.head("site", "robots.txt").is_none(),
        "unchanged files were not sent"
    );

    std::fs::remove_file(site.path("content/articles/a-3.md")).unwrap();
    let refused = deploy(&site, &["--max-deletes", "0"], &env);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        s3.head("site", "articles/a-3/index.html").is_some(),
        "a refused deploy deletes nothing"
    );
    deploy_ok(&site, &[], &env);
    assert!(
        s3.head("site", "articles/a-3/index.html").is_none(),
        "the removed article was deleted"
    );
}

#[test]
fn s3_without_credentials_says_where_to_put_them() {
    let site = TestSite::with_config(&format!(
        "{CONFIG}\n[[deploy]]\nname = \"bucket\"\nkind = \"s3\"\nbucket = \"site\"\nendpoint = \"http://127.0.0.1:9\"\n"
    ));
    site.articles(1);
    let out = deploy(&site, &[], &[]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("no S3 credentials for deploy target `bucket`"),
        "{message}"
    );
    assert!(message.contains("AWS_ACCESS_KEY_ID"), "{message}");
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn git_commits_the_site_to_a_branch_and_pushes_only_changes() {
    let remote = tempfile::tempdir().unwrap();
    let bare = remote.path().join("site.git");
    let init = Command::new("git")
        .args(["init", "--quiet", "--bare"])
        .arg(&bare)
        .status();
    if !init.is_ok_and(|s| s.success()) {
        skipped("git is not installed");
        return;
    }
    let site = TestSite::with_config(&format!(
        "{CONFIG}\n[[deploy]]\nname = \"pages\"\nkind = \"git\"\nrepository = \"{}\"\n",
        bare.display()
    ));
    site.articles(3);
    deploy_ok(&site, &[], &[]);
    let files = |rev: &str| -> BTreeSet<String> {
        git(&bare, &["ls-tree", "-r", "--name-only", rev])
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let public = tree(&site.path("public"));
    let mut expected: BTreeSet<String> = public.keys().cloned().collect();
    expected.insert(".nojekyll".into());
    assert_eq!(files("gh-pages"), expected);
    let commits = || {
        git(&bare, &["rev-list", "--count", "gh-pages"])
            .trim()
            .to_owned()
    };
    assert_eq!(commits(), "1");

    deploy_ok(&site, &[], &[]);
    assert_eq!(commits(), "1", "nothing changed, nothing committed");

    edit_article(&site);
    deploy_ok(&site, &[], &[]);
    assert_eq!(commits(), "2");
    let after = tree(&site.path("public"));
    let in_commit: BTreeSet<String> = git(
        &bare,
        &[
            "diff-tree",
            "--no-commit-id",
            "--name-only",
            "-r",
            "gh-pages",
        ],
    )
    .lines()
    .map(str::to_owned)
    .collect();
    assert_eq!(
        in_commit,
        changed(&public, &after),
        "the commit holds exactly the changed files"
    );
    let page = git(&bare, &["show", "gh-pages:articles/a-2/index.html"]);
    assert_eq!(page.as_bytes(), &after["articles/a-2/index.html"][..]);

    std::fs::remove_file(site.path("content/articles/a-3.md")).unwrap();
    deploy_ok(&site, &[], &[]);
    assert_eq!(commits(), "3");
    let mut expected: BTreeSet<String> = tree(&site.path("public")).into_keys().collect();
    expected.insert(".nojekyll".into());
    assert_eq!(
        files("gh-pages"),
        expected,
        "the removed article's files are gone"
    );
}

#[test]
fn no_build_deploys_the_output_folder_as_it_is() {
    let site = TestSite::with_config(&format!(
        "{CONFIG}\n[[deploy]]\nname = \"web\"\nkind = \"rsync\"\ndestination = \"h:/x/\"\n"
    ));
    site.articles(1);
    let out = deploy(&site, &["--no-build", "--dry-run"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("build the site first"),
        "{}",
        stderr(&out)
    );
    site.write("public/only.html", "<p>hand-made</p>");
    let plan = dry_run_with(&site, &["--no-build"]);
    assert_eq!(
        plan["upload"],
        BTreeSet::from(["only.html".to_owned()]),
        "nothing was built"
    );
}

#[test]
fn an_unknown_target_lists_the_known_ones() {
    let site = TestSite::with_config(&format!(
        "{CONFIG}\n[[deploy]]\nname = \"web\"\nkind = \"rsync\"\ndestination = \"h:/x/\"\n"
    ));
    let out = deploy(&site, &["staging"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("no [[deploy]] target named `staging`; the targets are: `web`"),
        "{message}"
    );
}

#[test]
fn a_key_of_another_kind_is_a_config_error() {
    let site = TestSite::with_config(&format!(
        "{CONFIG}\n[[deploy]]\nname = \"web\"\nkind = \"rsync\"\ndestination = \"h:/x/\"\nbucket = \"b\"\n"
    ));
    let out = deploy(&site, &[], &[]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.contains("config.toml"), "{message}");
    assert!(
        message.contains("`bucket` is a key of s3 targets, not rsync"),
        "{message}"
    );
    insta::assert_snapshot!("key_of_another_kind", message);
}

#[test]
fn host_limits_are_checked_before_sending() {
    let site = TestSite::with_config(&format!(
        "{CONFIG}\n[[deploy]]\nname = \"web\"\nkind = \"rsync\"\ndestination = \"127.0.0.1:/nonexistent/\"\nmax_file_size = 100\n"
    ));
    site.articles(1);
    let out = deploy(&site, &[], &[]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("`index.html` is") && message.contains("nothing was sent"),
        "{message}"
    );
}
