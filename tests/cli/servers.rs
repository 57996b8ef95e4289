//! Real servers on 127.0.0.1 for the deploy tests: OpenSSH's `sshd` (for
//! rsync) and moto's S3 server. Each is stopped when dropped. When the
//! program is missing (or sshd cannot run as this user) the fixture returns
//! `None` and the test says that it skipped; `.ci/run` installs both.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process killed on drop.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Says that a test did not run, and why.
#[allow(clippy::print_stderr)]
pub fn skipped(why: &str) {
    eprintln!("skipped: {why}");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16, child: &mut Child, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("{what} exited early: {status}");
        }
        assert!(Instant::now() < deadline, "{what} did not listen on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn found(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// An OpenSSH server accepting one generated key for the current user.
pub struct Sshd {
    _process: Process,
    dir: tempfile::TempDir,
    port: u16,
    user: String,
}

impl Sshd {
    /// Starts sshd with its own host key and authorized key on a free port.
    pub fn start() -> Option<Sshd> {
        let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"]
            .into_iter()
            .find(|p| Path::new(p).is_file());
        let Some(sshd) = sshd.filter(|_| found("ssh") && found("rsync")) else {
            skipped("sshd, ssh or rsync is not installed (`.ci/run` installs them)");
            return None;
        };
        let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout)
            .unwrap()
            .trim()
            .to_owned();
        if user != "root" {
            skipped("sshd needs root to log users in; run as root (CI does)");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for (key, kind) in [("host_key", "ed25519"), ("client_key", "ed25519")] {
            let ok = Command::new("ssh-keygen")
                .args(["-q", "-t", kind, "-N", "", "-f"])
                .arg(d.join(key))
                .status()
                .unwrap()
                .success();
            assert!(ok, "ssh-keygen failed");
        }
        std::fs::copy(d.join("client_key.pub"), d.join("authorized_keys")).unwrap();
        // sshd refuses to start without its privilege-separation folder.
        std::fs::create_dir_all("/run/sshd").unwrap();
        let port = free_port();
        let config = format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nAuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\nPermitRootLogin prohibit-password\nPidFile {d}/sshd.pid\n",
            d = d.display()
        );
        std::fs::write(d.join("sshd_config"), config).unwrap();
        let mut child = Command::new(sshd)
            .args(["-D", "-e", "-f"])
            .arg(d.join("sshd_config"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for_port(port, &mut child, "sshd");
        Some(Sshd {
            _process: Process(child),
            dir,
            port,
            user,
        })
    }

    /// The `rsh` a target needs to log in with the generated key.
    pub fn rsh(&self) -> String {
        format!(
            "ssh -i {} -p {} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR",
            self.dir.path().join("client_key").display(),
            self.port
        )
    }

    /// An rsync destination for `path` on this server.
    pub fn destination(&self, path: &Path) -> String {
        format!("{}@127.0.0.1:{}/", self.user, path.display())
    }
}

/// The test credentials (moto accepts any).
pub static CREDENTIALS: std::sync::LazyLock<rusty_s3::Credentials> =
    std::sync::LazyLock::new(|| rusty_s3::Credentials::new("testing", "testing"));

/// moto's S3-compatible server.
pub struct S3Server {
    _process: Process,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
}

impl S3Server {
    /// Starts `moto_server` on a free port.
    pub fn start() -> Option<S3Server> {
        if !found("moto_server") {
            skipped(
                "moto_server is not installed (`pip install 'moto[server]'`; `.ci/run` installs it)",
            );
            return None;
        }
        let port = free_port();
        let mut child = Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for_port(port, &mut child, "moto_server");
        Some(S3Server {
            _process: Process(child),
            endpoint: format!("http://127.0.0.1:{port}"),
        })
    }

    /// A request URL signed with the test credentials: moto refuses
    /// anonymous reads, as S3 does.
    fn signed<'a, A: rusty_s3::S3Action<'a>>(action: A) -> String {
        action.sign(std::time::Duration::from_secs(600)).to_string()
    }

    fn bucket(&self, name: &str) -> rusty_s3::Bucket {
        rusty_s3::Bucket::new(
            self.endpoint.parse().unwrap(),
            rusty_s3::UrlStyle::Path,
            name.to_owned(),
            "us-east-1",
        )
        .unwrap()
    }

    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into()
    }

    /// Creates a bucket.
    pub fn create_bucket(&self, name: &str) {
        let r = Self::agent()
            .put(&Self::signed(rusty_s3::actions::CreateBucket::new(
                &self.bucket(name),
                &CREDENTIALS,
            )))
            .send_empty()
            .unwrap();
        assert!(r.status().is_success(), "create bucket: {}", r.status());
    }

    /// The headers of an object, or `None` when it does not exist.
    pub fn head(&self, bucket: &str, key: &str) -> Option<ureq::http::HeaderMap> {
        let r = Self::agent()
            .head(&Self::signed(rusty_s3::actions::HeadObject::new(
                &self.bucket(bucket),
                Some(&CREDENTIALS),
                key,
            )))
            .call()
            .unwrap();
        r.status().is_success().then(|| r.headers().clone())
    }

    /// An object's bytes as stored.
    pub fn get(&self, bucket: &str, key: &str) -> Vec<u8> {
        let mut r = Self::agent()
            .get(&Self::signed(rusty_s3::actions::GetObject::new(
                &self.bucket(bucket),
                Some(&CREDENTIALS),
                key,
            )))
            .call()
            .unwrap();
        assert!(r.status().is_success(), "get {key}: {}", r.status());
        r.body_mut().read_to_vec().unwrap()
    }

    /// Deletes an object behind deploy's back.
    pub fn delete(&self, bucket: &str, key: &str) {
        Self::agent()
            .delete(&Self::signed(rusty_s3::actions::DeleteObject::new(
                &self.bucket(bucket),
                Some(&CREDENTIALS),
                key,
            )))
            .call()
            .unwrap();
    }
}

/// Every file under `dir`, relative, with its bytes.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel: PathBuf = e.path().strip_prefix(dir).unwrap().into();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}
