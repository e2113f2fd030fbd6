// Pathways live chat: history over REST, live over a WebSocket, reconnect with the last id seen.
// Every message text is put on the page with textContent, never innerHTML.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("chat-config").textContent);
  const T = Object.assign({}, document.getElementById("chat-strings").dataset);
  const log = document.getElementById("chat-log");
  const statusEl = document.getElementById("chat-status");
  const typingEl = document.getElementById("chat-typing");
  const readEl = document.getElementById("chat-read");
  const errorEl = document.getElementById("chat-error");
  const form = document.getElementById("chat-form");
  const textEl = document.getElementById("chat-text");
  const apiBase = "/api/conversations/" + config.conversationId + "/";
  const seen = new Map(); // message id -> <li>
  const pending = new Map(); // client_id -> {text, li}: sent but not acknowledged yet
  let lastId = 0;
  let olderCursor = null;
  let socket = null;
  let retry = 0;
  let refused = false;
  let typingTimer = null;
  let lastTypingSent = 0;

  function csrf() {
    const m = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function newClientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function render(msg, { prepend = false } = {}) {
    if (seen.has(msg.id)) return;
    let li = null;
    const waiting = msg.sender === config.userId && pending.get(msg.client_id);
    if (waiting) {
      li = waiting.li;
      pending.delete(msg.client_id);
      li.classList.remove("pending");
    } else {
      li = document.createElement("li");
      li.textContent = msg.text;
      if (msg.sender === config.userId) li.classList.add("mine");
    }
    li.dataset.id = msg.id;
    li.title = new Date(msg.created_at).toLocaleString();
    const reportBtn = document.createElement("button");
    reportBtn.type = "button";
    reportBtn.className = "link";
    reportBtn.textContent = " ⚑";
    reportBtn.setAttribute("aria-label", T.report);
    reportBtn.addEventListener("click", () => report(msg.id));
    if (msg.sender !== config.userId) li.appendChild(reportBtn);
    seen.set(msg.id, li);
    if (prepend) {
      log.insertBefore(li, log.firstChild);
    } else {
      // Keep id order even if a frame arrives late.
      let before = null;
      for (const node of log.children) {
        if (node.dataset.id && Number(node.dataset.id) > msg.id) { before = node; break; }
      }
      log.insertBefore(li, before);
      log.scrollTop = log.scrollHeight;
    }
    if (msg.id > lastId) lastId = msg.id;
  }

  function markRead() {
    if (document.visibilityState !== "visible" || !socket || socket.readyState !== 1) return;
    socket.send(JSON.stringify({ type: "read", up_to: lastId }));
  }

  async function loadHistory(cursorUrl) {
    const response = await fetch(cursorUrl || apiBase + "messages/?page_size=50", { credentials: "same-origin" });
    if (!response.ok) return;
    const page = await response.json();
    olderCursor = page.next;
    document.getElementById("chat-older").hidden = !olderCursor;
    for (const msg of page.results) render(msg, { prepend: Boolean(cursorUrl) });
  }

  function connect() {
    if (refused) return;
    statusEl.textContent = T.connecting;
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws/conversations/" + config.conversationId + "/?after=" + lastId);
    socket.addEventListener("open", () => {
      retry = 0;
      statusEl.textContent = T.live;
      // Anything sent while offline goes again with the same client_id: the server never duplicates it.
      for (const [clientId, item] of pending) {
        socket.send(JSON.stringify({ type: "message", client_id: clientId, text: item.text }));
      }
      markRead();
    });
    socket.addEventListener("message", (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === "message") { render(frame); markRead(); }
      else if (frame.type === "ack") { errorEl.textContent = ""; }
      else if (frame.type === "typing") { showTyping(); }
      else if (frame.type === "read" && frame.user !== config.userId) { readEl.textContent = T.read; }
      else if (frame.type === "error") {
        errorEl.textContent = frame.message;
        if (frame.client_id && frame.code !== "rate_limited") {
          const item = pending.get(frame.client_id);
          if (item) { item.li.remove(); pending.delete(frame.client_id); }
        }
      }
    });
    socket.addEventListener("close", (event) => {
      if (event.code === 4401 || event.code === 4403) {
        refused = true;
        statusEl.textContent = T.refused;
        if (form) form.hidden = true;
        return;
      }
      statusEl.textContent = T.lost;
      const delay = Math.min(30000, 500 * 2 ** retry++) + Math.random() * 500;
      setTimeout(connect, delay);
    });
  }

  function showTyping() {
    typingEl.textContent = config.otherName + " " + T.typing;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { typingEl.textContent = ""; }, 3000);
  }

  async function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body || {}),
    });
  }

  async function report(messageId) {
    const reason = window.prompt(T.reportReason) ;
    if (reason === null) return;
    const response = await post(apiBase + "report/", { message: messageId || null, reason: reason });
    if (response.ok) errorEl.textContent = T.reported;
  }

  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = textEl.value;
      if (!text.trim()) return;
      const clientId = newClientId();
      const li = document.createElement("li");
      li.textContent = text;
      li.className = "mine pending";
      log.appendChild(li);
      pending.set(clientId, { text: text, li: li });
      if (socket && socket.readyState === 1) {
        socket.send(JSON.stringify({ type: "message", client_id: clientId, text: text }));
      }
      textEl.value = "";
    });
    textEl.addEventListener("input", () => {
      const now = Date.now();
      if (socket && socket.readyState === 1 && now - lastTypingSent > 2000) {
        lastTypingSent = now;
        socket.send(JSON.stringify({ type: "typing" }));
      }
    });
  }
  document.getElementById("chat-older").addEventListener("click", () => olderCursor && loadHistory(olderCursor));
  document.getElementById("chat-report").addEventListener("click", () => report(null));
  document.getElementById("chat-block").addEventListener("click", async () => {
    if (!window.confirm(T.confirmBlock)) return;
    await post(apiBase + "block/");
  });
  document.addEventListener("visibilitychange", markRead);

  loadHistory().then(connect, connect);
})();
