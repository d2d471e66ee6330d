Subject: Din begäran till {{controller}}

Hej,

din begäran om {{what}} är bekräftad och registrerad. Vi svarar senast {{deadline}}.
Ange ärendenummer {{reference}} om du kontaktar oss om den.
Om vi inte har några uppgifter om dig får du veta det.

Vänliga hälsningar,
{{controller}}