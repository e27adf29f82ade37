package io.followup.inbound.text;

import java.util.List;
import java.util.Map;

/** The built-in English, German, French, Spanish and Dutch intent rules. */
final class BuiltInIntentPhrases {

    private static final List<String> UNSUBSCRIBE = List.of(
            "unsubscribe", "unsubscribe me", "remove me", "remove us", "remove my email", "remove my address",
            "remove my name", "take me off", "take us off", "off your list", "off your mailing list",
            "stop emailing", "stop e-mailing", "stop mailing", "stop sending", "stop contacting", "stop messaging",
            "stop writing to me", "don't email me", "do not email me", "don't e-mail me", "do not e-mail me",
            "don't contact me", "do not contact me", "don't contact us", "do not contact us", "don't send me",
            "do not send me", "never contact me", "never email me", "no more emails", "no more e-mails",
            "opt out", "opt me out", "leave me alone", "this is spam", "reported as spam", "^stop$", "^stop please$",
            "^please stop$",
            // German
            "abmelden", "melden sie mich ab", "abbestellen", "austragen", "tragen sie mich aus", "aus ihrem verteiler",
            "aus dem verteiler", "von ihrer liste", "keine weiteren e-mails", "keine weiteren mails",
            "keine e-mails mehr", "keine mails mehr", "nicht mehr kontaktieren", "nicht mehr anschreiben",
            "löschen sie meine", "hören sie auf",
            // French
            "désabonner", "désabonnez-moi", "désinscrire", "désinscrivez-moi", "retirez-moi", "supprimez-moi",
            "ne plus recevoir", "ne me contactez plus", "ne plus me contacter", "arrêtez de m'écrire",
            "arrêtez de m'envoyer", "cessez de m'envoyer",
            // Spanish
            "darme de baja", "dar de baja", "denme de baja", "dame de baja", "eliminarme", "elimínenme", "borrarme",
            "no me envíen más", "no me envíes más", "no quiero recibir", "dejen de escribirme", "dejen de enviarme",
            "no me contacten", "no me contactes",
            // Dutch
            "afmelden", "meld me af", "uitschrijven", "schrijf me uit", "verwijder mij", "verwijder me",
            "geen e-mails meer", "geen mails meer", "niet meer mailen", "niet meer benaderen", "stop met mailen");

    private static final List<String> NOT_INTERESTED = List.of(
            "not interested", "no interest", "no longer interested", "lost interest", "not a fit", "not a good fit",
            "not the right fit", "not a match", "not a priority", "not relevant", "no thanks", "no thank you",
            "thanks but no", "^no$", "^nope$", "^no sorry", "we're all set", "we are all set", "i'm all set",
            "i am all set", "all set for now", "we're good for now", "we are good for now", "we'll pass",
            "i'll pass", "we will pass", "pass on this", "not at this time", "not right now", "not for now",
            "not at the moment", "not for us", "not for me", "not the right time", "bad timing", "no need",
            "no budget", "don't need", "do not need", "not looking", "not in the market", "already have a",
            "already using", "already work with", "already working with", "decided to go with",
            "going with another", "went with another", "not moving forward", "won't be moving forward",
            "will not be moving forward", "not going to move forward", "doesn't make sense for us",
            "don't think this is for us", "isn't for us", "is not for us", "isn't something we", "is not something we",
            "not something we need",
            // German
            "kein interesse", "nicht interessiert", "nein danke", "kein bedarf", "passt nicht", "nicht relevant",
            "im moment nicht", "derzeit nicht", "zurzeit nicht", "nicht jetzt", "jetzt nicht",
            "interessiert mich nicht", "interessiert uns nicht",
            // French
            "pas intéressé", "pas intéressée", "pas intéressés", "pas interessé", "pas interesse", "non merci",
            "pas pour nous", "pas pour le moment", "pas le moment", "pas besoin", "aucun intérêt",
            "ne m'intéresse pas", "ne nous intéresse pas",
            // Spanish
            "no me interesa", "no nos interesa", "no estoy interesado", "no estoy interesada",
            "no estamos interesados", "no gracias", "no es para nosotros", "por ahora no", "no por ahora",
            "no necesitamos", "ya tenemos",
            // Dutch
            "niet geïnteresseerd", "niet geinteresseerd", "geen interesse", "nee bedankt", "geen behoefte",
            "niet nodig", "op dit moment niet", "interesseert me niet", "interesseert ons niet");

    private static final List<String> REFERRAL = List.of(
            "my colleague", "my colleagues", "our colleague", "my coworker", "my co-worker", "my manager",
            "my boss", "my assistant", "the right person", "the best person", "a better person", "better person to",
            "better contact", "right contact", "the person responsible", "is responsible for", "who handles",
            "handles this", "handles that", "in charge of", "point of contact", "i've cc'd", "i have cc'd", "cc'd",
            "cc'ing", "copying in", "looping in", "loop in", "forwarded your email", "forwarded your message",
            "forwarding your email", "passed your email", "passed this on", "refer you to", "not the right person",
            "wrong person", "no longer with", "no longer work", "left the company",
            // German
            "mein kollege", "meine kollegin", "meinen kollegen", "meiner kollegin", "unser kollege",
            "unsere kollegin", "ansprechpartner", "ansprechpartnerin", "ist zuständig", "zuständig ist",
            "wenden sie sich an", "wende dich an", "nicht der richtige ansprechpartner", "nicht mehr bei",
            // French
            "mon collègue", "ma collègue", "mon collaborateur", "ma collaboratrice", "la bonne personne",
            "la personne en charge", "est en charge", "s'occupe de", "adressez-vous à", "pas la bonne personne",
            // Spanish
            "mi compañero", "mi compañera", "mi colega", "la persona adecuada", "la persona indicada",
            "es el encargado", "es la encargada", "el responsable de", "la responsable de", "no soy la persona",
            // Dutch
            "mijn collega", "onze collega", "de juiste persoon", "contactpersoon", "is verantwoordelijk",
            "verantwoordelijk voor", "niet de juiste persoon");

    private static final List<String> INTERESTED = List.of(
            "interested", "i'd be interested", "sounds good", "sounds great", "sounds interesting",
            "sounds like a plan", "let's talk", "let's chat", "let's meet", "let's connect", "let's do it",
            "let's set up", "let's schedule", "let's find a time", "happy to chat", "happy to talk", "happy to meet",
            "happy to connect", "happy to hop on", "glad to chat", "love to chat", "love to learn more",
            "love to hear more", "would love to", "send me more", "send more info", "send me the", "tell me more",
            "learn more", "hear more", "set up a call", "schedule a call", "book a call", "book a meeting",
            "set up a meeting", "jump on a call", "hop on a call", "what times work", "what time works",
            "when are you free", "when works for you", "i'm available", "i am available", "i'm free",
            "count me in", "yes", "definitely", "absolutely", "keen to", "calendar invite", "send an invite",
            "works for me", "that works", "looks good", "calendly", "can we talk", "can we chat", "could we talk",
            "let's catch up", "catch up soon",
            // German
            "interessiert", "interesse", "klingt gut", "klingt interessant", "gerne", "gern", "lassen sie uns",
            "lass uns", "telefonieren", "termin vereinbaren", "einen termin", "mehr informationen",
            "schicken sie mir", "ja",
            // French
            "intéressé", "intéressée", "intéressés", "ça m'intéresse", "cela m'intéresse", "avec plaisir",
            "volontiers", "parlons", "discutons", "rendez-vous", "un appel", "plus d'informations", "oui",
            "ça me va", "d'accord",
            // Spanish
            "interesado", "interesada", "interesados", "me interesa", "nos interesa", "suena bien", "hablemos",
            "con gusto", "encantado", "encantada", "sí", "más información", "agendemos", "una llamada",
            // Dutch
            "geïnteresseerd", "geinteresseerd", "klinkt goed", "klinkt interessant", "graag", "laten we",
            "afspraak", "bellen", "meer informatie");

    private static final List<String> REFERRAL_VERBS = List.of(
            "contact", "please contact", "reach out to", "reach", "talk to", "speak to", "speak with", "get in touch with",
            "write to", "ask", "ping", "please email", "please e-mail", "you can email", "email her at",
            "email him at", "kontaktieren sie", "schreiben sie an", "contactez", "écrivez à", "contacta a",
            "contacte a", "contacta con", "escribe a", "escriba a", "neem contact op met", "mail naar");

    private static final List<String> NEGATIONS_BEFORE = List.of(
            "not", "never", "don't", "do not", "doesn't", "does not", "didn't", "did not", "won't", "will not",
            "wouldn't", "would not", "isn't", "is not", "aren't", "are not", "wasn't", "can't", "cannot",
            "couldn't", "hardly", "nor", "neither", "nicht", "kein", "keine", "keinen", "keinem", "nie",
            "niemals", "pas", "jamais", "nunca", "tampoco", "niet", "geen", "nooit");

    private static final List<String> NEGATIONS_AFTER = List.of("nicht", "pas", "niet");

    static final IntentRules RULES = new IntentRules(
            Map.of(Intent.UNSUBSCRIBE, UNSUBSCRIBE,
                    Intent.NOT_INTERESTED, NOT_INTERESTED,
                    Intent.REFERRAL, REFERRAL,
                    Intent.INTERESTED, INTERESTED),
            REFERRAL_VERBS, NEGATIONS_BEFORE, NEGATIONS_AFTER);

    private BuiltInIntentPhrases() {
    }
}
