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
    var options = JSON.parse(optionsJson);
    var publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey);
    // The button's sign-in is a modal request (the server marks its options for
    // conditional mediation, which would wait silently for the autofill instead).
    return navigator.credentials.get({ publicKey: publicKey })
      .then(function (credential) { return JSON.stringify(credential.toJSON()); })
      .catch(function (error) { throw nameOf(error); });
  }

  self.AftercarePasskeys = { supported: supported, create: create, get: get };
})();
