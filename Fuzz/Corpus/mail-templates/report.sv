Subject: Dina personuppgifter hos {{controller}}

Hej,

här är svaret på din begäran om {{what}}. Hämta det med länken nedan; sidan ber dig skriva din e-postadress igen innan den lämnar ut något.

{{link}}

Länken gäller till och med {{expires}}. Skicka den inte vidare.

Vänliga hälsningar,
{{controller}}