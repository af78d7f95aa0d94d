"""gunicorn settings: the packaged ones (cleaner/web/gunicorn_conf.py), so a checkout and an install agree.

`gunicorn 'cleaner.web:create_app()'` run from the repository root picks this file up by itself;
`cleaner serve` passes the packaged file explicitly. Run (not imported) so a SIGHUP re-reads the env.
"""
import runpy

import cleaner.web

_conf = runpy.run_path(cleaner.web.__path__[0] + "/gunicorn_conf.py")
globals().update({k: v for k, v in _conf.items() if not k.startswith("_")})
