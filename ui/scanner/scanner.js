// The door desk's camera scanner (st.components.v2, hand-written, no library).
// Opens the rear camera on a tap (browsers need a user gesture for the camera prompt on iOS and for sound), then
// reads QR codes continuously: with the browser's own BarcodeDetector where it has one (Chrome on Android), else by
// sending a small JPEG frame a few times a second to the server, which decodes it (zxing-cpp). A decoded text is
// sent once per sighting. Streamlit calls this function again whenever the Python side sends new data (a result
// to beep for, new labels), so everything lives in one object kept on the component's root.

const FRAME_EVERY_MS = 350; // server decoding: ~3 frames a second
const DETECT_EVERY_MS = 150; // on-device decoding is cheap
const FRAME_WIDTH = 640; // downscaled frame width sent to the server
const REPEAT_MS = 4000; // the same code seen again within this time of its last sighting is the same scan
const RESUME_KEY = "conference-desk-scanner-on"; // this tab's camera was switched on: reopen it after a redraw

function build(root) {
  const box = document.createElement("div");
  box.className = "desk-scanner";
  box.innerHTML = `
    <div class="controls">
      <button type="button" class="start" data-testid="desk-scanner-start"></button>
      <button type="button" class="stop" hidden></button>
      <label class="sound"><input type="checkbox" checked> <span></span></label>
    </div>
    <video class="view" playsinline muted hidden></video>
    <p class="status" data-testid="desk-scanner-status" role="status"></p>`;
  root.appendChild(box);
  return {
    box,
    start: box.querySelector(".start"),
    stop: box.querySelector(".stop"),
    sound: box.querySelector(".sound input"),
    soundLabel: box.querySelector(".sound span"),
    video: box.querySelector("video"),
    status: box.querySelector(".status"),
  };
}

function problemOf(error) {
  const name = (error && error.name) || "";
  if (name === "NotAllowedError" || name === "SecurityError") return "refused";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "NotReadableError") return "nocamera";
  return "nocamera";
}

function makeScanner(root) {
  const ui = build(root);
  const s = {
    ui, labels: {}, send: null, stream: null, timer: null, detector: null, audio: null,
    lastCode: "", lastSeen: -Infinity, beepSeq: null, frameSeq: 0,
  };
  const canvas = document.createElement("canvas");

  s.say = (key) => { ui.status.textContent = s.labels[key] || ""; ui.status.dataset.state = key; };

  s.emit = (code) => {
    const now = performance.now();
    const repeat = code === s.lastCode && now - s.lastSeen < REPEAT_MS;
    s.lastCode = code; s.lastSeen = now;
    if (!repeat && s.send) s.send("code", code);
  };

  s.tick = async () => {
    if (!s.stream) return;
    const video = ui.video;
    try {
      if (video.readyState >= 2 && video.videoWidth) {
        if (s.detector) {
          const found = await s.detector.detect(video);
          if (found.length && found[0].rawValue) s.emit(found[0].rawValue);
        } else if (s.send) {
          const scale = Math.min(1, FRAME_WIDTH / video.videoWidth);
          canvas.width = Math.round(video.videoWidth * scale);
          canvas.height = Math.round(video.videoHeight * scale);
          canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
          s.frameSeq += 1;
          s.send("frame", { seq: s.frameSeq, image: canvas.toDataURL("image/jpeg", 0.75) });
        }
      }
    } catch (e) {
      // one bad frame (camera switching, tab hidden) is not worth stopping for
    }
    s.timer = setTimeout(s.tick, s.detector ? DETECT_EVERY_MS : FRAME_EVERY_MS);
  };

  s.begin = async () => {
    if (s.stream) return;
    try { sessionStorage.setItem(RESUME_KEY, "1"); } catch (e) { /* private mode: no resume, nothing else lost */ }
    try {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (Ctx && !s.audio) s.audio = new Ctx(); // created on the tap: iOS allows sound only after a gesture
    } catch (e) { s.audio = null; }
    if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      s.say("insecure");
      if (s.send) s.send("problem", "insecure");
      return;
    }
    s.say("opening");
    try {
      s.stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
    } catch (error) {
      const problem = problemOf(error);
      s.say(problem);
      if (s.send) s.send("problem", problem);
      return;
    }
    ui.video.srcObject = s.stream;
    ui.video.hidden = false;
    try { await ui.video.play(); } catch (e) { /* autoplay of a muted inline video is allowed */ }
    s.detector = null;
    if ("BarcodeDetector" in window) {
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes("qr_code")) s.detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      } catch (e) { s.detector = null; }
    }
    ui.start.hidden = true;
    ui.stop.hidden = false;
    ui.box.dataset.mode = s.detector ? "device" : "server";
    s.say(s.detector ? "scanning_device" : "scanning_server");
    s.tick();
  };

  s.end = (byUser) => {
    if (byUser) { try { sessionStorage.removeItem(RESUME_KEY); } catch (e) { /* ignore */ } }
    clearTimeout(s.timer);
    s.timer = null;
    if (s.stream) s.stream.getTracks().forEach((t) => t.stop());
    s.stream = null;
    ui.video.srcObject = null;
    ui.video.hidden = true;
    ui.start.hidden = false;
    ui.stop.hidden = true;
    s.say("stopped");
  };

  s.beep = (tones) => {
    if (navigator.vibrate) navigator.vibrate(tones.length > 1 ? [80, 60, 80] : [tones[0][1]]);
    if (!ui.sound.checked || !s.audio) return;
    let at = s.audio.currentTime + 0.02;
    for (const [hz, ms] of tones) {
      const osc = s.audio.createOscillator();
      const gain = s.audio.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.25, at);
      gain.gain.exponentialRampToValueAtTime(0.001, at + ms / 1000);
      osc.connect(gain).connect(s.audio.destination);
      osc.start(at);
      osc.stop(at + ms / 1000);
      at += ms / 1000 + 0.06;
    }
  };

  s.update = (data) => {
    s.labels = (data && data.labels) || {};
    ui.start.textContent = s.labels.start || "Camera";
    ui.stop.textContent = s.labels.stop || "Stop";
    ui.soundLabel.textContent = s.labels.sound || "";
    if (!ui.status.dataset.state) s.say("idle");
    else s.say(ui.status.dataset.state);
    const beep = data && data.beep;
    if (beep && beep.seq !== s.beepSeq) {
      if (s.beepSeq !== null && beep.tones && beep.tones.length) s.beep(beep.tones);
      s.beepSeq = beep.seq; // the first data seen is an old result: no sound for it
    } else if (!beep && s.beepSeq === null) {
      s.beepSeq = 0;
    }
  };

  ui.start.addEventListener("click", () => s.begin());
  ui.stop.addEventListener("click", () => s.end(true));
  // Streamlit may redraw the component from scratch (page layout changed above it); a camera the user switched on
  // stays on: permission is already granted, so it reopens without a prompt.
  let resume = false;
  try { resume = sessionStorage.getItem(RESUME_KEY) === "1"; } catch (e) { resume = false; }
  if (resume) setTimeout(() => s.begin(), 0);
  return s;
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  let s = parentElement.__deskScanner;
  if (!s) {
    s = makeScanner(parentElement);
    parentElement.__deskScanner = s;
  }
  s.send = setTriggerValue;
  s.update(data);
  return () => s.end(false); // Streamlit runs the last cleanup when the component leaves the page
}
