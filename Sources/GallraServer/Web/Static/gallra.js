// The one script of the admin UI: a chosen register file is read into the text field beside it,
// so that it can be reviewed before it is sent; a chosen spreadsheet is sent as base64 in a
// hidden field. Without the script, the YAML or the table is pasted.
document.querySelectorAll('input[type=file][data-fills]').forEach(function (input) {
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (!file) { return; }
    file.text().then(function (text) { document.getElementById(input.dataset.fills).value = text; });
  });
});

document.querySelectorAll('input[type=file][data-encodes]').forEach(function (input) {
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (!file) { return; }
    file.arrayBuffer().then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      var binary = '';
      for (var i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      }
      document.getElementById(input.dataset.encodes).value = btoa(binary);
      document.getElementById(input.dataset.names).value = file.name;
    });
  });
});

// A page of work still running (a sweep, an export) is read again every few seconds until it is
// done; without the script, its link reads it again. (A meta refresh would move a reader of the
// page on without asking.)
document.querySelectorAll('[data-reload-after]').forEach(function (element) {
  var seconds = parseInt(element.dataset.reloadAfter, 10);
  if (seconds > 0) { setTimeout(function () { location.reload(); }, seconds * 1000); }
});
