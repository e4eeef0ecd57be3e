// Passkeys: the browser half of the WebAuthn ceremonies, called from the app (src/passkeys.rs).
// The server (webauthn-rs) sends options as {"publicKey": {...}} JSON, which
// PublicKeyCredential.parse*OptionsFromJSON reads directly; credential.toJSON() is what
// the server reads back. Failures reject with the DOMException's name (NotAllowedError
// when the user cancels or times out, InvalidStateError for an authenticator already
// registered, "Unsupported" when the browser lacks WebAuthn's JSON helpers).
(function () {
  'use strict';

  function supported() {
    var pkc = self.PublicKeyCredential;
    return !!(pkc && typeof pkc.parseCreationOptionsFromJSON === 'function' &&
      typeof pkc.parseRequestOptionsFromJSON === 'function' &&
      navigator.credentials && typeof navigator.credentials.create === 'function');
  }

  function nameOf(error) {
    return (error && error.name) ? error.name : 'UnknownError';
  }

  function create(optionsJson) {
    if (!supported()) {
      return Promise.reject('Unsupported');
    }
    var options = JSON.parse(optionsJson);
    var publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options.publicKey);
    return navigator.credentials.create({ publicKey: publicKey })
      .then(function (credential) { return JSON.stringify(credential.toJSON()); })
      .catch(function (error) { throw nameOf(error); });
  }

  function get(optionsJson) {
    if (!supported()) {
      return Promise.reject('Unsupported');
    }
    // One WebAuthn request at a time: the button's replaces the autofill's.
    stopAutofill();
    var options = JSON.parse(optionsJson);
    var publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey);
    // The button's sign-in is a modal request (the server marks its options for
    // conditional mediation, which would wait silently for the autofill instead).
    return navigator.credentials.get({ publicKey: publicKey })
      .then(function (credential) { return JSON.stringify(credential.toJSON()); })
      .catch(function (error) { throw nameOf(error); });
  }

  // The autofill request waiting on the sign-in form's email field, if any.
  var autofillRequest = null;

  // Whether the browser offers passkeys in the email field's autofill (conditional
  // mediation), as a Promise of a boolean.
  function autofillAvailable() {
    var pkc = self.PublicKeyCredential;
    // Passkeys belong to a host name: a page opened by IP address cannot use them.
    var host = location.hostname;
    var byAddress = /^[0-9.]+$/.test(host) || host.indexOf(':') >= 0 || host.charAt(0) === '[';
    if (byAddress || !supported() || typeof pkc.isConditionalMediationAvailable !== 'function') {
      return Promise.resolve(false);
    }
    return pkc.isConditionalMediationAvailable().catch(function () { return false; });
  }

  // Waits, silently, until the user picks a passkey from the field's autofill.
  function autofill(optionsJson) {
    if (!supported()) {
      return Promise.reject('Unsupported');
    }
    stopAutofill();
    var controller = new AbortController();
    autofillRequest = controller;
    var done = function () {
      if (autofillRequest === controller) {
        autofillRequest = null;
      }
    };
    var options = JSON.parse(optionsJson);
    var publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey);
    return navigator.credentials.get({ publicKey: publicKey, mediation: 'conditional', signal: controller.signal })
      .then(function (credential) { done(); return JSON.stringify(credential.toJSON()); })
      .catch(function (error) { done(); throw nameOf(error); });
  }

  // Ends the autofill request (leaving the page, or the button's request starting).
  function stopAutofill() {
    if (autofillRequest) {
      var controller = autofillRequest;
      autofillRequest = null;
      controller.abort();
    }
  }

  self.AftercarePasskeys = {
    supported: supported,
    create: create,
    get: get,
    autofillAvailable: autofillAvailable,
    autofill: autofill,
    stopAutofill: stopAutofill,
  };
})();
