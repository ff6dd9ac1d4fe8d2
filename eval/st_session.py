"""A minimal Streamlit browser session over the real websocket (`/_stcore/stream`), for load runs:
it sends the same protobuf BackMsgs the browser sends (rerun with widget states) and reads the
ForwardMsgs (new elements, script finished). No browser is needed."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

QUESTION_WIDGET = "chat_question"  # the chat input's key in app_ui/chat.py


@dataclass
class RunResult:
    texts: list[str] = field(default_factory=list)  # markdown bodies drawn in the run
    errors: list[str] = field(default_factory=list)  # st.error / exception elements
    seconds: float = 0.0


class StreamlitSession:
    def __init__(self, port: int, timeout: float = 240.0) -> None:
        from websockets.sync.client import connect

        self.timeout = timeout
        self.ws = connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                          open_timeout=30)
        self.widget_ids: dict[str, str] = {}

    def close(self) -> None:
        self.ws.close()

    def _rerun(self, widgets: list) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.WidgetStates_pb2 import WidgetStates

        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.widget_states.CopyFrom(WidgetStates(widgets=widgets))
        self.ws.send(msg.SerializeToString())

    def _collect(self) -> RunResult:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        result = RunResult()
        started = time.perf_counter()
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            msg = ForwardMsg()
            msg.ParseFromString(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                etype = element.WhichOneof("type")
                if etype == "chat_input":
                    self.widget_ids[QUESTION_WIDGET] = element.chat_input.id
                elif etype == "markdown":
                    result.texts.append(element.markdown.body)
                elif etype == "alert" and element.alert.format == element.alert.ERROR:
                    result.errors.append(element.alert.body)
                elif etype == "exception":
                    result.errors.append(element.exception.message)
            elif kind == "script_finished":
                result.seconds = time.perf_counter() - started
                return result
        raise TimeoutError("Streamlit run did not finish in time")

    def open(self) -> RunResult:
        self._rerun([])
        return self._collect()

    def ask(self, question: str) -> RunResult:
        from streamlit.proto.Common_pb2 import ChatInputValue
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        widget = WidgetState(id=self.widget_ids[QUESTION_WIDGET], chat_input_value=ChatInputValue(data=question))
        self._rerun([widget])
        return self._collect()
