"""The hello-world app served the way cxdash serves itself: each message sent at once (Nagle's algorithm off on the
server's sockets, cxdash/ui/sockets.py). `python -m cxdash bench` times both, so the report can say how much of a
hello-world switch is Streamlit's own socket handling."""

import runpy
from pathlib import Path

from cxdash.ui.sockets import send_promptly

send_promptly()
runpy.run_path(str(Path(__file__).with_name("hello.py")))
