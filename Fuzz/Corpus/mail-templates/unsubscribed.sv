Subject: Din begäran till {{controller}}

Hej,

vi har tagit emot och genomfört din begäran om {{what}}.
{{stopped}}

Vänliga hälsningar,
{{controller}}