"""gunicorn settings for Muloqot: `gunicorn -c deploy/gunicorn.conf.py muloqot.wsgi:application`.

nginx on the same machine terminates TLS and proxies to 127.0.0.1:8000 (deploy/nginx/muloqot.conf).
Environment: WEB_CONCURRENCY (worker processes), FORWARDED_ALLOW_IPS (trusted proxy addresses).
"""

import os

# Each sync worker holds a whole Wagtail process (about 150 MB); beyond a dozen per machine,
# add machines behind the load balancer instead.
MAX_DEFAULT_WORKERS = 12


def _workers() -> int:
    raw = os.environ.get("WEB_CONCURRENCY", "").strip()
    if not raw:
        return min(2 * (os.cpu_count() or 1) + 1, MAX_DEFAULT_WORKERS)
    value = int(raw)  # gunicorn itself already refuses a value that is not a whole number
    if value < 1:
        raise SystemExit(f"WEB_CONCURRENCY must be at least 1, got {value}.")
    return value


wsgi_app = "muloqot.wsgi:application"
bind = "127.0.0.1:8000"
workers = _workers()
worker_class = "sync"  # nginx buffers slow clients, so sync workers are enough
proc_name = "muloqot-web"

# A request that takes longer than this is killed and logged (nginx waits 65 s).
timeout = 60
graceful_timeout = 30
# Recycle workers now and then so that a slow leak cannot grow without bound. Each restart loads
# Django again (about a second of stalled requests, measured in docs/performance.md), so not
# often: at 1,000 the cached pages restarted a worker every few seconds under load.
max_requests = 20000
max_requests_jitter = 2000

# nginx on this machine sets X-Forwarded-Proto and X-Forwarded-For; trust only it.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs go to stdout/stderr and from there to the journal.
accesslog = "-"
errorlog = "-"
loglevel = "info"
access_log_format = '%({x-real-ip}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# The control socket (gunicornc) lives in the systemd RuntimeDirectory, not in $HOME.
if os.environ.get("RUNTIME_DIRECTORY"):
    control_socket = os.path.join(os.environ["RUNTIME_DIRECTORY"].split(":")[0], "gunicorn.ctl")
