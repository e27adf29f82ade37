package io.followup.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The contact search against the word index ({@code contact_word}) on H2 and MariaDB: a word or the start of a word
 * of the address, name or company, in any case, every word of the search; the index kept on insert, update, bulk
 * import and erasure; the same pages whether a search starts from a rare word or walks the list.
 */
class ContactSearchIT {

    private static final ContactStore CONTACTS = new ContactStore();

    private static void upsert(TestDaemon followup, ContactSpec spec) {
        followup.daemon().database().jdbi().useTransaction(handle ->
                CONTACTS.upsert(handle, spec, followup.clock().instant()));
    }

    private static List<String> search(TestDaemon followup, String text) {
        return followup.daemon().database().jdbi().withHandle(handle ->
                CONTACTS.page(handle, text, null, false, 50).stream().map(Contact::email).toList());
    }

    @DaemonTest
    void aWordOrTheStartOfAWordOfTheAddressNameOrCompanyFindsTheContactInAnyCase(TestDaemon followup) {
        upsert(followup, ContactSpec.of("jane.doe@acme.com", "Jane Müller-Doe").withCompany("Globex Corp."));
        upsert(followup, ContactSpec.of("bob@initech.io", "Bob Brown").withTier(1));

        assertThat(search(followup, "")).containsExactly("bob@initech.io", "jane.doe@acme.com");
        assertThat(search(followup, "MÜLL")).containsExactly("jane.doe@acme.com");
        assertThat(search(followup, "acme")).containsExactly("jane.doe@acme.com");
        assertThat(search(followup, "glob")).containsExactly("jane.doe@acme.com");
        assertThat(search(followup, "doe, jane")).containsExactly("jane.doe@acme.com");
        assertThat(search(followup, "jane.doe@acme.com")).containsExactly("jane.doe@acme.com");
        assertThat(search(followup, "b")).containsExactly("bob@initech.io");
        assertThat(search(followup, "bob jane")).isEmpty();
        assertThat(search(followup, "oe")).as("a piece from inside a word is not a word").isEmpty();
        assertThat(search(followup, "@")).as("no word: every contact").hasSize(2);
    }

    @DaemonTest
    void anUpdatedContactIsFoundByItsNewWordsAndNoLongerByItsOldOnes(TestDaemon followup) {
        upsert(followup, ContactSpec.of("bob@initech.io", "Bob Brown").withCompany("Initech"));
        upsert(followup, ContactSpec.of("bob@initech.io", "Robert Brown").withCompany("Umbrella"));

        assertThat(search(followup, "umbrella robert")).containsExactly("bob@initech.io");
        assertThat(search(followup, "bob")).as("the address still says bob").containsExactly("bob@initech.io");
        assertThat(followup.count("SELECT COUNT(*) FROM contact_word WHERE word = 'umbrella'")).isEqualTo(1);
        assertThat(followup.count("SELECT COUNT(*) FROM contact_word WHERE word = 'robert'")).isEqualTo(1);
        assertThat(search(followup, "brown")).containsExactly("bob@initech.io");
        assertThat(followup.count("SELECT COUNT(*) FROM contact_word WHERE word = 'brown'")).isEqualTo(1);
    }

    @DaemonTest
    void anErasedContactLeavesNoWordBehind(TestDaemon followup) {
        upsert(followup, ContactSpec.of("jane.doe@acme.com", "Jane Doe").withCompany("Acme"));
        upsert(followup, ContactSpec.of("bob@initech.io", "Bob Brown"));
        long bobWords = followup.count("SELECT COUNT(*) FROM contact_word w JOIN contact c ON c.id = w.contact_id"
                + " WHERE c.email = 'bob@initech.io'");

        followup.daemon().database().jdbi().useTransaction(handle ->
                followup.daemon().eraser().forget(handle, "jane.doe@acme.com", "test", followup.clock().instant()));

        assertThat(search(followup, "jane")).isEmpty();
        assertThat(followup.count("SELECT COUNT(*) FROM contact_word")).isEqualTo(bobWords);
        assertThat(followup.count("SELECT COUNT(*) FROM contact_word WHERE word IN ('jane', 'doe', 'acme')"))
                .isZero();
    }

    @DaemonTest
    void contactsOfABulkImportAreFoundByTheirNewValues(TestDaemon followup) throws Exception {
        upsert(followup, ContactSpec.of("cid@example.org", "Cid Carter").withCompany("Globex"));
        Path file = followup.base().resolve("people.csv");
        Files.writeString(file, """
                email,name,company,field:met_at
                ann@example.org,Ann Archer,Acme,the fair
                cid@example.org,Cid Carter,Initech,the fair
                dan@example.org,Dan Dune,Initech,the fair
                """);

        assertThat(followup.daemon().enrollments().importCsv(file, TestConfigs.SEQUENCE, false).problems()).isEmpty();

        assertThat(search(followup, "arch")).containsExactly("ann@example.org");
        assertThat(search(followup, "initech")).containsExactly("cid@example.org", "dan@example.org");
        assertThat(search(followup, "globex")).as("the imported company replaced it").isEmpty();
        assertThat(search(followup, "carter")).containsExactly("cid@example.org");
    }

    @DaemonTest
    void contactsWrittenWithoutTheirWordsAreIndexedAtStart(TestDaemon followup) {
        upsert(followup, ContactSpec.of("ann@example.org", "Ann Archer"));
        followup.daemon().database().jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO contact (email, name, company, tier, created_at, updated_at) "
                        + "VALUES ('zed@example.org', 'Zed Zulu', 'Bulk Inc', 3, 0, 0)"));
        assertThat(search(followup, "zulu")).isEmpty();

        assertThat(ContactWords.catchUp(followup.daemon().database().jdbi())).isEqualTo(1);

        assertThat(search(followup, "zulu bulk")).containsExactly("zed@example.org");
        assertThat(ContactWords.catchUp(followup.daemon().database().jdbi())).isZero();
    }

    @DaemonTest
    void aSearchReadsTheSamePagesFromARareWordAsAlongTheList(TestDaemon followup) {
        followup.daemon().database().jdbi().useTransaction(handle -> {
            for (int i = 0; i < 40; i++) {
                CONTACTS.upsert(handle, ContactSpec.of(String.format("p%02d@example.org", i), "Paged Person " + i)
                        .withTier(1 + i % 3), followup.clock().instant());
            }
            CONTACTS.upsert(handle, ContactSpec.of("other@example.org", "Other One"), followup.clock().instant());
        });
        for (String text : new String[] {"person", "paged person", "example p1", "paged 3", "nobody"}) {
            List<List<String>> ways = new ArrayList<>();
            for (int rare : new int[] {0, Integer.MAX_VALUE - 1}) {
                ways.add(followup.daemon().database().jdbi().withHandle(handle -> {
                    List<String> pages = new ArrayList<>();
                    ContactStore.ListPosition after = null;
                    while (true) {
                        List<Contact> page = CONTACTS.page(handle, text, after, false, 7, rare);
                        page.forEach(contact -> pages.add(contact.tier() + "." + contact.email()));
                        if (page.size() < 7) {
                            break;
                        }
                        Contact last = page.get(page.size() - 1);
                        after = new ContactStore.ListPosition(last.tier(), last.email());
                    }
                    List<Contact> end = CONTACTS.page(handle, text, null, true, 7, rare);
                    end.forEach(contact -> pages.add("end " + contact.tier() + "." + contact.email()));
                    return pages;
                }));
            }
            assertThat(ways.get(1)).as(text).isEqualTo(ways.get(0));
            assertThat(ways.get(0)).as(text).isNotNull();
        }
        assertThat(search(followup, "paged person")).hasSize(40);
        assertThat(search(followup, "p1")).hasSize(10);
    }
}
