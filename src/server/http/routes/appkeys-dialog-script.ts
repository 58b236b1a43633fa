// The auth dialog's script, served as its own file (the CSP allows no inline scripts): log in, then allow or deny.
export const AUTH_DIALOG_SCRIPT = `'use strict';
(function () {
  var root = document.getElementById('appkeys-dialog');
  if (!root) return;
  var status = document.getElementById('status');
  var suffix = root.getAttribute('data-cookie-suffix') || '';

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'status error' : 'status';
  }

  function csrfToken() {
    var name = 'csrf_token' + suffix + '=';
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].indexOf(name) === 0) return decodeURIComponent(parts[i].slice(name.length));
    }
    return '';
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken() },
      body: JSON.stringify(body),
    });
  }

  function errorOf(response) {
    return response.json().then(
      function (body) { return body && typeof body.error === 'string' ? body.error : 'The server answered ' + response.status + '.'; },
      function () { return 'The server answered ' + response.status + '.'; }
    );
  }

  function setBusy(form, busy) {
    var controls = form.querySelectorAll('button, input');
    for (var i = 0; i < controls.length; i++) controls[i].disabled = busy;
  }

  var loginForm = document.getElementById('login-form');
  if (loginForm) {
    loginForm.addEventListener('submit', function (event) {
      event.preventDefault();
      var user = loginForm.elements.namedItem('user').value;
      var pass = loginForm.elements.namedItem('pass').value;
      setBusy(loginForm, true);
      say('Logging in…', false);
      post(root.getAttribute('data-login-url'), { user: user, pass: pass }).then(function (response) {
        if (response.ok) {
          window.location.reload();
          return;
        }
        setBusy(loginForm, false);
        return errorOf(response).then(function (message) {
          say(response.status === 403 ? 'The user name or password is not correct.' : message, true);
        });
      }, function () {
        setBusy(loginForm, false);
        say('The server cannot be reached.', true);
      });
    });
  }

  var decideForm = document.getElementById('decide-form');
  if (decideForm) {
    var decide = function (decision) {
      var body = { decision: decision };
      var boxes = decideForm.querySelectorAll('input[name="permission"]');
      var chosen = [];
      for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) chosen.push(boxes[i].value);
      if (decision && (root.getAttribute('data-scoped') === 'true' || chosen.length < boxes.length)) {
        if (chosen.length === 0) {
          say('Choose at least one thing the app may do, or deny the request.', true);
          return;
        }
        body.permissions = chosen;
      }
      setBusy(decideForm, true);
      post(root.getAttribute('data-decide-url'), body).then(function (response) {
        if (response.status === 204) {
          decideForm.hidden = true;
          say(decision ? 'Access allowed. You can close this window and go back to the app.' : 'Access denied. You can close this window.', false);
          return;
        }
        setBusy(decideForm, false);
        if (response.status === 404) {
          say('This request is no longer waiting: the app stopped asking, or it was decided elsewhere.', true);
          return;
        }
        return errorOf(response).then(function (message) {
          if (/reauthenticate/i.test(message)) {
            window.location.reload();
            return;
          }
          say(message, true);
        });
      }, function () {
        setBusy(decideForm, false);
        say('The server cannot be reached.', true);
      });
    };
    decideForm.addEventListener('submit', function (event) {
      event.preventDefault();
      decide(true);
    });
    document.getElementById('deny').addEventListener('click', function () {
      decide(false);
    });
  }
})();
`;
