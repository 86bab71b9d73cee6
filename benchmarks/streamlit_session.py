"""One page view as a browser's WebSocket asks for it, without a browser: connect to /_stcore/stream, ask for the
page (a `rerun_script` BackMsg, what the frontend sends when a tab opens) and read ForwardMsgs until the run ends.

What the server does is the same as for a browser tab after its static files are cached; what the browser then does
with the answer (parse, lay out, draw the plotly charts) is not here. The benchmark uses it to measure the server's
answer to many sessions at once while the browsers would be on other devices, as they are at the meeting.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR


@dataclass(frozen=True)
class Answer:
    seconds: float  # from connecting until the page's script run finished
    elements: Counter[str]  # new elements by type ("plotly_chart", "dataframe", "exception", …)
    bytes_received: int


async def view(port: int, page: str = "", timeout_s: float = 180.0) -> Answer:
    """Open a new session on 127.0.0.1:`port` and run `page` (its url path; "" = the default page)."""
    return await asyncio.wait_for(_view(port, page, timeout_s), timeout_s)


async def _view(port: int, page: str, timeout_s: float) -> Answer:
    start = time.monotonic()
    url, origin = f"ws://127.0.0.1:{port}/_stcore/stream", f"http://127.0.0.1:{port}"
    elements: Counter[str] = Counter()
    received = 0
    async with websockets.connect(
        url, subprotocols=["streamlit"], origin=origin, max_size=None, open_timeout=timeout_s
    ) as socket:
        ask = BackMsg()
        ask.rerun_script.page_name = page
        ask.rerun_script.query_string = ""
        await socket.send(ask.SerializeToString())
        while True:
            frame = await socket.recv()
            received += len(frame)
            message = ForwardMsg()
            message.ParseFromString(frame)
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                elements[message.delta.new_element.WhichOneof("type")] += 1
            elif kind == "script_finished" and message.script_finished in (FINISHED, COMPILE_ERROR):
                if message.script_finished == COMPILE_ERROR:
                    raise RuntimeError(f"{page or 'default page'}: the script did not compile")
                return Answer(time.monotonic() - start, elements, received)
