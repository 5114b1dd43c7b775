/*
 * serialgate browser terminal: xterm.js attached to serialproxy's websocket.
 *
 * The page is served as <prefix>/serial.html?token=T and connects to <prefix>/?token=T on the
 * same host and port (ws: or wss: matching the page), subprotocol "binary". Guest output arrives
 * as binary frames of raw bytes; keystrokes leave as binary frames of UTF-8.
 */
(function () {
  'use strict';

  /** This page's directory: /prefix/serial.html -> /prefix/ (works under any sub-path). */
  function pageDirectory(location) {
    return location.pathname.substring(0, location.pathname.lastIndexOf('/') + 1) || '/';
  }

  /** The query the console needs: token (and mode) carried over from the page's own query. */
  function consoleQuery(location) {
    var params = new URLSearchParams(location.search);
    var query = new URLSearchParams();
    ['token', 'mode'].forEach(function (name) {
      if (params.has(name)) {
        query.set(name, params.get(name));
      }
    });
    var qs = query.toString();
    return qs ? '?' + qs : '';
  }

  /** The websocket URL for this page: same host and port, same directory, ws: or wss: as the page. */
  function consoleSocketUrl(location) {
    var scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return scheme + '//' + location.host + pageDirectory(location) + consoleQuery(location);
  }

  /**
   * A refused websocket tells the page nothing (the browser hides the HTTP answer), so ask the
   * proxy's console-check, which runs the same checks, for the reason.
   */
  function explainRefusal(location, done) {
    if (!window.fetch) {
      done(null);
      return;
    }
    fetch(pageDirectory(location) + 'console-check' + consoleQuery(location),
        { cache: 'no-store', credentials: 'same-origin', referrerPolicy: 'no-referrer' })
      .then(function (r) { return r.json(); })
      .then(function (body) { done(body && body.error ? body.error.message : null); })
      .catch(function () { done(null); });
  }

  var CLOSE_TEXT = {
    1000: 'normal closure',
    1001: 'going away',
    1006: 'connection lost',
    1008: 'policy violation',
    1011: 'server error'
  };

  function closeReason(event) {
    if (event.reason) {
      return event.reason;
    }
    return CLOSE_TEXT[event.code] || ('code ' + event.code);
  }

  var statusEl = document.getElementById('status');
  var reconnectEl = document.getElementById('reconnect');

  function setStatus(state, text) {
    statusEl.setAttribute('data-state', state);
    statusEl.textContent = text;
    window.serialgateStatus = text; // read by browser tests
  }

  var term = new Terminal({
    cursorBlink: true,
    convertEol: false,
    scrollback: 5000,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace'
  });
  var fit = new FitAddon.FitAddon();
  term.loadAddon(fit);
  term.open(document.getElementById('terminal'));
  fit.fit();
  window.addEventListener('resize', function () { fit.fit(); });
  window.serialgateTerminal = term; // read by browser tests

  var encoder = new TextEncoder();
  var socket = null;

  function connect() {
    var params = new URLSearchParams(window.location.search);
    if (!params.get('token')) {
      setStatus('closed', 'closed: no token in the page URL (expected ?token=...)');
      return;
    }
    reconnectEl.hidden = true;
    setStatus('connecting', 'connecting');
    // One decoder per connection, in streaming mode: a multi-byte UTF-8 character split across
    // two frames is held back until its last byte arrives instead of turning into U+FFFD.
    var decoder = new TextDecoder('utf-8');
    var ws = new WebSocket(consoleSocketUrl(window.location), ['binary']);
    ws.binaryType = 'arraybuffer';
    socket = ws;

    var opened = false;
    ws.onopen = function () {
      opened = true;
      var role = new URLSearchParams(window.location.search).get('mode') === 'view' ? 'viewer' : 'writer';
      setStatus('connected', 'connected as ' + role);
      term.focus();
    };
    ws.onmessage = function (event) {
      if (typeof event.data === 'string') {
        term.write(event.data);
      } else {
        term.write(decoder.decode(new Uint8Array(event.data), { stream: true }));
      }
    };
    ws.onclose = function (event) {
      if (socket !== ws) {
        return;
      }
      var tail = decoder.decode(); // flush an incomplete character, if any
      if (tail) {
        term.write(tail);
      }
      reconnectEl.hidden = false;
      if (opened) {
        setStatus('closed', 'closed: ' + closeReason(event));
        return;
      }
      setStatus('closed', 'closed: ' + closeReason(event));
      explainRefusal(window.location, function (message) {
        if (message && socket === ws) {
          setStatus('closed', 'closed: ' + message);
        }
      });
    };
  }

  function send(bytes) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(bytes);
    }
  }

  // Typed keys and pastes arrive as strings: send them as UTF-8.
  term.onData(function (data) { send(encoder.encode(data)); });
  // Some mouse reports are raw bytes (one char per byte), not text.
  term.onBinary(function (data) {
    var bytes = new Uint8Array(data.length);
    for (var i = 0; i < data.length; i++) {
      bytes[i] = data.charCodeAt(i) & 0xff;
    }
    send(bytes);
  });

  reconnectEl.addEventListener('click', function () {
    if (socket) {
      socket.onclose = null;
      socket.close();
    }
    connect();
  });

  window.serialgateSocketUrl = consoleSocketUrl;
  connect();
}());
