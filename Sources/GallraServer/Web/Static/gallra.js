// The one script of the admin UI: a chosen register file is read into the text field beside it,
// so that it can be reviewed before it is sent. Without it, the YAML is pasted.
document.querySelectorAll('input[type=file][data-fills]').forEach(function (input) {
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (!file) { return; }
    file.text().then(function (text) { document.getElementById(input.dataset.fills).value = text; });
  });
});
