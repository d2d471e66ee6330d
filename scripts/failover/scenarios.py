"""The three failovers of scripts/test-failover, against a running `gallra serve` on the
cluster's HAProxy address: the primary killed during a sweep, during requests' completion (the
store and a connected PostgreSQL database) and while mail is being sent. Measures what callers
saw, then checks what the store, the connected database and the SMTP server hold. Standard
library only. Prints a report; exits 1 when a check fails.

Environment: GALLRA_URL, GALLRA_TOKEN, STORE_PSQL, COMPANY_PSQL, CLUSTER_DIR, SMTP_DIR,
GALLRA_PID, FAILOVER_CLUSTER (the script), WORK (a directory for the report)."""

import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse

URL = urllib.parse.urlparse(os.environ["GALLRA_URL"])
TOKEN = os.environ["GALLRA_TOKEN"]
STORE = os.environ["STORE_PSQL"]
COMPANY = os.environ["COMPANY_PSQL"]
CLUSTER = os.environ["CLUSTER_DIR"]
SMTP_DIR = os.environ["SMTP_DIR"]
GALLRA_PID = int(os.environ["GALLRA_PID"])
CLUSTER_SCRIPT = os.environ["FAILOVER_CLUSTER"]
TODAY = time.strftime("%Y-%m-%d")

failures = []
report = {}


def log(message):
    print(time.strftime("%H:%M:%S ") + message, flush=True)


def check(ok, what):
    log(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def call(method, path, body=None, headers=None, timeout=60):
    """(status, headers, text); status 0 when no answer came (the text says why)."""
    connection = http.client.HTTPConnection(URL.hostname, URL.port, timeout=timeout)
    sent = dict(headers or {})
    data = None
    if body is not None:
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        else:
            data = body.encode()
    try:
        connection.request(method, path, body=data, headers=sent)
        answer = connection.getresponse()
        headers = {}
        for name, value in answer.getheaders():
            headers[name] = headers[name] + "\n" + value if name in headers else value
        return answer.status, headers, answer.read().decode("utf-8", "replace")
    except Exception as error:  # a connection refused or cut: what a caller would see
        return 0, {}, type(error).__name__ + ": " + str(error)
    finally:
        connection.close()


def api(method, path, body=None):
    return call(method, "/api/v1" + path, body, {"Authorization": "Bearer " + TOKEN})


def psql(url, query, attempts=60):
    """Rows of `query` as lists of strings, tried again while the cluster is between primaries."""
    for attempt in range(attempts):
        done = subprocess.run(["psql", url, "-XAtF", "\t", "-c", query], capture_output=True, text=True)
        if done.returncode == 0:
            return [line.split("\t") for line in done.stdout.splitlines() if line != ""]
        time.sleep(1)
    raise RuntimeError("psql failed: " + done.stderr.strip())


def scalar(url, query):
    return int(psql(url, query)[0][0])


class Prober(threading.Thread):
    """A caller writing through Gallra every 100 ms (a new person each time), noting what it saw."""

    def __init__(self):
        super().__init__(daemon=True)
        self.seen = []  # (moment, status, retry-after, body, id)
        self.stopping = False
        self.n = 0

    def run(self):
        while not self.stopping:
            self.n += 1
            start = time.time()
            status, headers, text = api("POST", "/subjects", {"email": "probe-%d@example.se" % self.n})
            subject = None
            if status == 201:
                subject = json.loads(text)["id"]
            self.seen.append((start, time.time(), status, headers.get("Retry-After"), text[:300], subject))
            time.sleep(max(0, 0.1 - (time.time() - start)))

    def window(self, killed):
        """Seconds from the kill to the first write that succeeded, and the writes that failed."""
        after = [s for s in self.seen if s[0] >= killed - 0.5]
        ok = [s for s in after if s[2] == 201 and s[0] >= killed]
        first = ok[0][1] - killed if ok else None
        failed = [s for s in after if s[2] != 201 and (not ok or s[0] <= ok[0][0])]
        return first, failed


prober = Prober()


def kill_primary():
    out = subprocess.run([CLUSTER_SCRIPT, "kill-primary", CLUSTER], capture_output=True, text=True, check=True)
    node, moment = out.stdout.split()
    log("kill -9 of the primary %s (Patroni and postmaster)" % node)
    return node, float(moment)


def rejoin(node):
    subprocess.run([CLUSTER_SCRIPT, "rejoin", CLUSTER, node], check=True)
    log("%s rejoined as the synchronous replica" % node)


def in_doubt(status, text):
    """A commit cut off: a 500 that says whether the work was saved is not known (the caller looks
    before trying again; never a 503 inviting a blind retry)."""
    return status == 500 and "whether it was saved is not known" in text


def measured(name, killed):
    """Waits for Gallra's first successful write after the kill; notes the window."""
    for _ in range(1200):
        first, failed = prober.window(killed)
        if first is not None:
            break
        time.sleep(0.1)
    kinds = {}
    for s in failed:
        label = "%s%s: %s" % (
            s[2] or "no answer",
            " (Retry-After %s)" % s[3] if s[3] else "",
            re.sub(r"[0-9a-f-]{36}", "…", s[4])[:160],
        )
        kinds[label] = kinds.get(label, 0) + 1
    report[name] = {"first_write_s": first, "failed_writes": len(failed), "answers": kinds}
    log("%s: first successful write %.1f s after the kill; %d writes failed meanwhile" % (name, first or -1, len(failed)))
    for label, count in kinds.items():
        log("    %4d × %s" % (count, label))
    check(first is not None, "%s: Gallra wrote again without a restart" % name)
    check(
        all(s[2] in (0, 503) or in_doubt(s[2], s[4]) for s in failed),
        "%s: every failed write was an error to retry (503 or no answer), or said its outcome is not known" % name,
    )
    check(
        all(s[3] for s in failed if s[2] == 503), "%s: every 503 said when to try again (Retry-After)" % name
    )
    check(
        not any(s[3] for s in failed if in_doubt(s[2], s[4])),
        "%s: no write whose outcome is not known was told to try again (no Retry-After)" % name,
    )
    return first


def until(what, predicate, seconds=300, pause=0.2):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(pause)
    log("gave up waiting for " + what)
    return False


# ---------------------------------------------------------------------------------------------
def sweep_scenario():
    log("== 1. the primary dies during a sweep (POST /api/v1/sweep; the caller retries on 503)")
    now = int(time.time() * 1000)
    expired = scalar(STORE, "SELECT count(*) FROM records WHERE expires_at <= %d" % now)
    kept = scalar(STORE, "SELECT count(*) FROM records") - expired
    log("%d records expired, %d kept" % (expired, kept))
    calls = []

    def caller():
        while True:
            status, headers, text = api("POST", "/sweep", {})
            calls.append((time.time(), status, text[:200]))
            if status == 200:
                return
            time.sleep(float(headers.get("Retry-After", "2")))

    sweeping = threading.Thread(target=caller, daemon=True)
    sweeping.start()
    caught = until(
        "the sweep to begin",
        lambda: scalar(STORE, "SELECT count(*) FROM records") < kept + expired * 0.85 or not sweeping.is_alive(),
        pause=0.05,
    )
    node, killed = kill_primary()
    left_at_kill = None
    measured("sweep", killed)
    sweeping.join(600)
    left_at_kill = [c for c in calls if c[1] != 200]
    check(caught and len(left_at_kill) > 0, "sweep: the kill came while the sweep ran (its call failed)")
    for c in calls:
        log("    sweep call: %s %s" % (c[1] or "no answer", re.sub(r"\s+", " ", c[2])[:140]))
    report["sweep"]["calls"] = [c[1] for c in calls]
    rejoin(node)
    left = scalar(STORE, "SELECT count(*) FROM records WHERE expires_at <= %d" % now)
    check(left == 0, "sweep: finished after the retry: no expired record left (%d)" % left)
    check(
        scalar(STORE, "SELECT count(*) FROM records") == kept,
        "sweep: every record not expired is still there (%d)" % kept,
    )
    evidence = erasure_evidence()
    check(len(evidence) >= expired, "sweep: evidence for every record erased (%d of %d)" % (len(evidence), expired))
    check(len(set(evidence)) == len(evidence), "sweep: no erasure recorded twice")


def erasure_evidence():
    rows = psql(STORE, "SELECT detail FROM audit_log WHERE action IN ('record.erase', 'record.anonymise')")
    return [m for row in rows for m in re.findall(r"([0-9a-f-]{36}) \(subject ", row[0])]


# ---------------------------------------------------------------------------------------------
def request_scenario(people):
    log("== 2. the primary dies while erasure requests are completed (store and connected database)")
    requests = []
    for i in people:
        email = "person%d@example.se" % i
        status, _, text = api(
            "POST",
            "/records",
            {"subject": email, "activity": "direct-mail", "category": "address", "value": "Storgatan %d" % i,
             "collected": TODAY},
        )
        assert status == 201, text
        psql(
            COMPANY,
            "INSERT INTO mailing (email, address, added_at) VALUES ('%s', 'Storgatan %d', now()), ('%s', 'Lillgatan %d', now())"
            % (email, i, email, i),
        )
        status, _, text = api("POST", "/requests", {"kind": "erasure", "subject": email, "received": TODAY, "channel": "email", "activities": ["direct-mail"]})
        assert status == 201, text
        request = json.loads(text)["id"]
        status, _, text = api("POST", "/requests/%s/verify" % request, {"how": "BankID"})
        assert status in (200, 204), text
        requests.append((request, email))
    log("%d erasure requests verified, each with a store record and two rows in the company's database" % len(requests))
    outcomes = {}
    done = []

    def completer():
        for request, _ in requests:
            attempts = []
            while True:
                status, headers, text = api("POST", "/requests/%s/complete" % request, {})
                attempts.append((status, text[:300]))
                # A completion whose commit was cut off is looked at by trying again: the
                # completion answers 409 "is completed" when it went through.
                if status not in (0, 503) and not in_doubt(status, text):
                    break
                time.sleep(float(headers.get("Retry-After", "2")))
            outcomes[request] = attempts
            done.append(request)

    completing = threading.Thread(target=completer, daemon=True)
    completing.start()
    until("a few requests to be completed", lambda: len(done) >= max(3, len(requests) // 5), pause=0.02)
    node, killed = kill_primary()
    measured("request", killed)
    completing.join(900)
    retried = {r: a for r, a in outcomes.items() if len(a) > 1}
    check(len(retried) > 0, "request: the kill came while a request was being completed (%d retried)" % len(retried))
    for request, attempts in retried.items():
        log("    %s: %s" % (request[:8], " → ".join("%s %s" % (s or "no answer", re.sub(r"\s+", " ", t)[:120]) for s, t in attempts)))
    report["request"]["retried"] = {r[:8]: [a[0] for a in attempts] for r, attempts in retried.items()}
    rejoin(node)
    # A retry after a completion whose commit was cut off may find it done: 409 "is completed".
    finals = [a[-1][0] for a in outcomes.values()]
    check(
        all(a[-1][0] == 200 or (a[-1][0] == 409 and "is completed" in a[-1][1] and len(a) > 1) for a in outcomes.values()),
        "request: every completion answered 200 at last, or 409 'is completed' to a retry (%s)" % sorted(set(finals)),
    )
    states = dict(psql(STORE, "SELECT id, status FROM requests WHERE id IN (%s)" % ",".join("'%s'" % r for r, _ in requests)))
    check(
        all(states.get(r) == "completed" for r, _ in requests),
        "request: every request is completed (%s)" % sorted(set(states.values())),
    )
    check(
        scalar(COMPANY, "SELECT count(*) FROM mailing WHERE email IN (%s)" % ",".join("'%s'" % e for _, e in requests)) == 0,
        "request: every connected row of the people erased is gone",
    )
    ids = ",".join("'%s'" % r for r, _ in requests)
    left = scalar(
        STORE,
        "SELECT count(*) FROM records r JOIN requests q ON q.subject_id = r.subject_id WHERE q.id IN (%s) AND r.activity = 'direct-mail'" % ids,
    )
    check(left == 0, "request: every store record of the erasures is gone (%d left)" % left)
    completions = psql(
        STORE,
        "SELECT action, detail FROM audit_log WHERE action IN ('request.erase', 'request.complete', 'request.completed', 'connected.request')",
    )
    per = {}
    for action, detail in completions:
        for request, _ in requests:
            if request in detail:
                per.setdefault((request, action), 0)
                per[(request, action)] += 1
    twice = {k: v for k, v in per.items() if v > 1 and k[1] != "connected.request"}
    check(not twice, "request: each request's completion recorded once (%s)" % twice)
    again = {k: v for k, v in per.items() if v > 1 and k[1] == "connected.request"}
    report["request"]["connected_evidence_twice"] = len(again)
    evidence = erasure_evidence()
    check(len(set(evidence)) == len(evidence), "request: no record's erasure recorded twice")


# ---------------------------------------------------------------------------------------------
def public_request(email, client):
    """The public form, as a person's browser sends it, through the proxy Gallra trusts."""
    headers = {"X-Forwarded-For": client}
    status, answer_headers, page = call("GET", "/privacy/request?lang=sv", headers=headers)
    if status != 200:
        return status, page
    cookie = "; ".join(c.split(";")[0] for c in answer_headers.get("Set-Cookie", "").split("\n") if "=" in c)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf": token, "lang": "sv", "kind": "access", "email": email, "website": ""})
    headers.update({"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    status, _, page = call("POST", "/privacy/request", form, headers)
    return status, page


def delivered():
    return sorted(f for f in os.listdir(SMTP_DIR) if f.endswith(".eml"))


def mail_scenario(people):
    log("== 3. the primary dies while mail is being sent")
    before_rows = scalar(STORE, "SELECT count(*) FROM outbox")
    before_mail = len(delivered())
    answers = []
    for n, i in enumerate(people):
        answers.append(public_request("person%d@example.se" % i, "10.9.%d.%d" % (n // 250, n % 250 + 1)))
    check(all(s == 200 for s, _ in answers), "mail: every request form was taken (%s)" % sorted({s for s, _ in answers}))
    rows = scalar(STORE, "SELECT count(*) FROM outbox") - before_rows
    log("%d messages in the outbox" % rows)
    until("some mail to go", lambda: len(delivered()) - before_mail >= max(5, rows // 6), pause=0.05)
    sent_at_kill = len(delivered()) - before_mail
    node, killed = kill_primary()
    log("%d of %d messages had reached the SMTP server" % (sent_at_kill, rows))
    measured("mail", killed)
    check(sent_at_kill < rows, "mail: the kill came while mail was being sent")
    until(
        "the outbox to be empty",
        lambda: scalar(STORE, "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL") == 0,
        seconds=600,
        pause=1,
    )
    rejoin(node)
    messages = delivered()[before_mail:]
    ids = []
    for name in messages:
        with open(os.path.join(SMTP_DIR, name), "rb") as f:
            found = re.search(rb"^Message-ID: <([^>]+)>", f.read(), re.M)
            ids.append(found.group(1).decode() if found else name)
    sent = scalar(STORE, "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL") - 0
    failed = psql(STORE, "SELECT id, last_error FROM outbox WHERE failed_at IS NOT NULL")
    report["mail"].update({"messages": rows, "at_smtp": len(messages), "recorded_failed": len(failed)})
    check(len(set(ids)) == len(ids), "mail: no message reached the SMTP server twice (%d messages)" % len(ids))
    check(len(messages) == rows, "mail: every message reached the SMTP server (%d of %d)" % (len(messages), rows))
    check(not failed, "mail: no message recorded as failed (%s)" % failed[:3])
    check(sent >= len(messages), "mail: every message delivered is recorded sent")


# ---------------------------------------------------------------------------------------------
def main():
    people = int(os.environ.get("FAILOVER_PEOPLE", "40"))
    prober.start()
    until("the prober's first write", lambda: any(s[2] == 201 for s in prober.seen))
    started = time.time()
    sweep_scenario()
    # gallra-bench's people whose records are not all long expired (the sweep erased the others whole).
    request_scenario([i for i in range(100, 100 + people * 2) if i % 5 >= 2][:people])
    mail_scenario(range(1000, 1000 + people * 3))
    prober.stopping = True
    prober.join()
    lost = [s[5] for s in prober.seen if s[2] == 201]
    present = {row[0] for row in psql(STORE, "SELECT id FROM subjects")}
    missing = [s for s in lost if s not in present]
    check(not missing, "nothing committed was lost: all %d people the prober was told were added are there" % len(lost))
    try:
        os.kill(GALLRA_PID, 0)
        alive = True
    except OSError:
        alive = False
    check(alive, "the same gallra serve process ran throughout (pid %d)" % GALLRA_PID)
    status, _, text = api("GET", "/audit/verify")
    check(status == 200 and json.loads(text).get("intact") is True, "the audit chain holds (API): %s" % text[:120])
    report["scenarios_s"] = round(time.time() - started)
    with open(os.path.join(os.environ["WORK"], "report.json"), "w") as out:
        json.dump(report, out, indent=2)
    print(json.dumps(report, indent=2))
    if failures:
        log("%d checks failed" % len(failures))
        sys.exit(1)


main()
