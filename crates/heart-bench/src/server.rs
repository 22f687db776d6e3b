//! The servers under test (heart started on a free loopback port) and the load loop over keep-alive connections.

use super::*;

pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) addr: String,
    pub(crate) _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

pub(crate) async fn wait_for_addr(child: &mut Child) -> Result<String> {
    let stderr = child.stderr.take().context("stderr")?;
    let mut lines = BufReader::new(stderr).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let Some(line) = tokio::time::timeout(Duration::from_secs(60), lines.next_line()).await??
        else {
            break;
        };
        if let Some(rest) = line.split("listening on http://").nth(1) {
            let addr = rest.trim().to_string();
            tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
            return Ok(addr);
        }
    }
    bail!("server did not start")
}

pub(crate) async fn start_heart(bin: &Path, demo: bool) -> Result<(Server, String)> {
    start_heart_on(bin, demo, None, None).await
}

/// `heart serve` on a free port; on PostgreSQL when `db` is given (its nodes share `key_file`).
pub(crate) async fn start_heart_on(
    bin: &Path,
    demo: bool,
    db: Option<&str>,
    key_file: Option<&Path>,
) -> Result<(Server, String)> {
    let dir = tempfile::tempdir()?;
    let env = |c: &mut Command| {
        if let Some(url) = db {
            c.env("HEART_DATABASE_URL", url);
        }
        if let Some(k) = key_file {
            c.env("HEART_KEY_FILE", k);
        }
        c.env("HEART_BACKUP_HOURS", "0");
    };
    let mut token_cmd = Command::new(bin);
    env(&mut token_cmd);
    let out = token_cmd
        .args([
            "token",
            "create",
            "--name",
            "bench",
            "--capabilities",
            "intake,dispatch",
            "--data",
        ])
        .arg(dir.path())
        .env("RUST_LOG", "warn")
        .output()
        .await?;
    if !out.status.success() {
        bail!(
            "token create failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let token = String::from_utf8(out.stdout)?.trim().to_string();
    Ok((serve(bin, dir, demo, env).await?, token))
}

/// `heart serve` on a free port over `dir`, with `env` applied to its command.
pub(crate) async fn serve(
    bin: &Path,
    dir: tempfile::TempDir,
    demo: bool,
    env: impl Fn(&mut Command),
) -> Result<Server> {
    let mut cmd = Command::new(bin);
    env(&mut cmd);
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .env("RUST_LOG", "warn");
    if demo {
        cmd.arg("--demo");
    }
    let mut child = cmd
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let addr = wait_for_addr(&mut child).await?;
    Ok(Server {
        child,
        addr,
        _dir: dir,
    })
}

pub(crate) async fn start_self(args: &[&str], with_dir: bool) -> Result<Server> {
    let dir = tempfile::tempdir()?;
    let mut cmd = Command::new(std::env::current_exe()?);
    cmd.args(args);
    if with_dir {
        cmd.arg(dir.path());
    }
    let mut child = cmd
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let addr = wait_for_addr(&mut child).await?;
    Ok(Server {
        child,
        addr,
        _dir: dir,
    })
}

// ---------- a minimal HTTP/1.1 keep-alive client ----------

pub(crate) struct Conn {
    pub(crate) r: BufReader<TcpStream>,
}

impl Conn {
    pub(crate) async fn open(addr: &str) -> Result<Self> {
        let s = TcpStream::connect(addr).await?;
        s.set_nodelay(true)?;
        Ok(Conn {
            r: BufReader::new(s),
        })
    }

    /// Sends one request and reads one response with a Content-Length body.
    pub(crate) async fn call(&mut self, req: &[u8]) -> Result<(u16, Vec<u8>)> {
        self.r.get_mut().write_all(req).await?;
        let mut line = String::new();
        self.r.read_line(&mut line).await?;
        let status: u16 = line.split(' ').nth(1).context("status")?.parse()?;
        let mut len = 0usize;
        loop {
            line.clear();
            self.r.read_line(&mut line).await?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                len = v.trim().parse()?;
            }
        }
        let mut body = vec![0; len];
        self.r.read_exact(&mut body).await?;
        Ok((status, body))
    }
}

pub(crate) fn post(path: &str, host: &str, token: &str, body: &str) -> Vec<u8> {
    format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

pub(crate) const BODY: &str = r#"{"channel":"phone","summary":"Someone is sheltering in an ATM vestibule in the cold","location":{"text":"Mass Ave near Porter Square","lat":42.3884,"lon":-71.1191},"contact":{"name":"Caller","phone":"617-555-0100"},"language":"en","answers":{"medical":"no","in_area":"yes","where_now":"sheltering","weather":"yes","distress":"calm"}}"#;

pub(crate) fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub(crate) struct LoadResult {
    pub(crate) rps: f64,
    pub(crate) p50: Duration,
    pub(crate) p99: Duration,
    pub(crate) ok: usize,
    pub(crate) errors: usize,
}

pub(crate) async fn hammer(
    addr: &str,
    token: &str,
    path: &str,
    connections: usize,
    seconds: u64,
) -> Result<LoadResult> {
    let req = Arc::new(post(path, addr, token, BODY));
    // Warm-up.
    let mut c = Conn::open(addr).await?;
    for _ in 0..50 {
        let (s, b) = c.call(&req).await?;
        if s != 201 {
            bail!("warm-up got {s}: {}", String::from_utf8_lossy(&b));
        }
    }
    let start = Instant::now();
    let until = start + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let req = req.clone();
        let addr = addr.to_string();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::with_capacity(100_000);
            let mut errors = 0usize;
            let Ok(mut c) = Conn::open(&addr).await else {
                return (lat, 1);
            };
            while Instant::now() < until {
                let t = Instant::now();
                match c.call(&req).await {
                    Ok((201, _)) => lat.push(t.elapsed()),
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        match Conn::open(&addr).await {
                            Ok(n) => c = n,
                            Err(_) => break,
                        }
                    }
                }
            }
            (lat, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await?;
        all.extend(l);
        errors += e;
    }
    let elapsed = start.elapsed().as_secs_f64();
    all.sort();
    Ok(LoadResult {
        rps: all.len() as f64 / elapsed,
        p50: pct(&all, 0.50),
        p99: pct(&all, 0.99),
        ok: all.len(),
        errors,
    })
}
