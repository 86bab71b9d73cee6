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
from streamlit.proto.TextInput_pb2 import TextInput

FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR


@dataclass(frozen=True)
class Answer:
    seconds: float  # from connecting until the page's script run finished
    elements: Counter[str]  # new elements by type ("plotly_chart", "dataframe", "exception", …)
    bytes_received: int


async def view(
    port: int, page: str = "", timeout_s: float = 180.0, query_string: str = "", passcode: str | None = None
) -> Answer:
    """Open a new session on 127.0.0.1:`port` and run `page` (its url path; "" = the default page) with the URL's
    `query_string` ("unit=a"). `passcode`: the first run's sidebar sign-in form is filled and submitted, as a person
    does, and the answer is the signed-in page (its time counts from connecting, the sign-in included)."""
    return await asyncio.wait_for(_view(port, page, timeout_s, query_string, passcode), timeout_s)


async def _view(port: int, page: str, timeout_s: float, query_string: str, passcode: str | None) -> Answer:
    start = time.monotonic()
    url, origin = f"ws://127.0.0.1:{port}/_stcore/stream", f"http://127.0.0.1:{port}"
    received = 0
    async with websockets.connect(
        url, subprotocols=["streamlit"], origin=origin, max_size=None, open_timeout=timeout_s
    ) as socket:
        ask = BackMsg()
        ask.rerun_script.page_name = page
        ask.rerun_script.query_string = query_string
        await socket.send(ask.SerializeToString())
        elements, form, received = await _run_to_end(socket, page)
        if passcode is not None:
            if form is None:
                raise RuntimeError(f"{page or 'default page'}: no passcode form to sign in with")
            field, submit = form
            ask.rerun_script.widget_states.widgets.add(id=field, string_value=passcode)
            ask.rerun_script.widget_states.widgets.add(id=submit, trigger_value=True)
            await socket.send(ask.SerializeToString())
            elements, _form, more = await _run_to_end(socket, page)
            received += more
        return Answer(time.monotonic() - start, elements, received)


async def _run_to_end(socket, page: str) -> tuple[Counter[str], tuple[str, str] | None, int]:
    """Read one run's ForwardMsgs up to its end: the new elements by type, the passcode form's (field id, submit
    button id) if the run drew one, the bytes received. A run that ends to rerun (st.rerun) goes on to the next."""
    elements: Counter[str] = Counter()
    field = submit = None
    received = 0
    while True:
        frame = await socket.recv()
        received += len(frame)
        message = ForwardMsg()
        message.ParseFromString(frame)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            elements[element.WhichOneof("type")] += 1
            if element.WhichOneof("type") == "text_input" and element.text_input.type == TextInput.PASSWORD:
                field = element.text_input.id
            elif element.WhichOneof("type") == "button" and element.button.is_form_submitter:
                submit = element.button.id
        elif kind == "script_finished" and message.script_finished in (FINISHED, COMPILE_ERROR):
            if message.script_finished == COMPILE_ERROR:
                raise RuntimeError(f"{page or 'default page'}: the script did not compile")
            return elements, (field, submit) if field and submit else None, received
