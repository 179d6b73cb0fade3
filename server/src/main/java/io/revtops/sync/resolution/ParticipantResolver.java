package io.revtops.sync.resolution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Links emails and meetings to CRM records by their participants (SPEC §2). Participants at the organization's own
 * domain or who are its members are internal and link nothing. Of the external ones, in the order given (sender
 * first): the first whose address matches a contact gives that contact and its account; otherwise the first whose
 * domain (or a parent domain) matches an account's domain gives that account. The account's open deal
 * ({@code is_closed = false}) with the latest {@code close_date} (then the most recently updated) gives the deal.
 * Runs in the caller's tenant transaction; one query per kind for a whole page of records.
 */
@Component
public class ParticipantResolver {
    /** Mail providers whose domain says nothing about a company: never matched to an account, never internal. */
    static final Set<String> PUBLIC_MAIL_DOMAINS = Set.of(
            "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "hotmail.com", "outlook.com",
            "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
            "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "yandex.com", "yandex.ru", "mail.com", "mail.ru",
            "zoho.com", "fastmail.com", "hey.com", "qq.com", "163.com", "126.com", "tutanota.com");

    /** One record's participants, sender first. */
    public Resolution resolve(JdbcClient j, UUID orgId, List<String> participants) {
        return resolveAll(j, orgId, List.of(participants)).getFirst();
    }

    /** Resolutions for many records at once, in the same order. */
    public List<Resolution> resolveAll(JdbcClient j, UUID orgId, List<List<String>> participantLists) {
        Internal internal = internal(j, orgId);
        List<List<String>> external = new ArrayList<>();
        Set<String> emails = new LinkedHashSet<>();
        Set<String> domains = new LinkedHashSet<>();
        for (List<String> list : participantLists) {
            List<String> ext = new ArrayList<>();
            for (String raw : list) {
                String e = normalize(raw);
                if (e == null || internal.contains(e) || ext.contains(e)) continue;
                ext.add(e);
                emails.add(e);
                String d = domainOf(e);
                if (!PUBLIC_MAIL_DOMAINS.contains(d)) domains.addAll(candidateDomains(d));
            }
            external.add(ext);
        }
        if (emails.isEmpty()) return participantLists.stream().map(l -> Resolution.NONE).toList();

        record Contact(UUID id, Optional<UUID> accountId) {}
        Map<String, Contact> contacts = new HashMap<>();
        j.sql("""
                SELECT DISTINCT ON (lower(email)) lower(email), id, account_id FROM contacts
                 WHERE organization_id = :o AND lower(email) IN (:e)
                 ORDER BY lower(email), (account_id IS NULL), updated_at DESC, id
                """).param("o", orgId).param("e", emails).query((rs, n) -> contacts.put(rs.getString(1),
                new Contact(rs.getObject(2, UUID.class), Optional.ofNullable(rs.getObject(3, UUID.class))))).list();
        Map<String, UUID> accountsByDomain = new HashMap<>();
        if (!domains.isEmpty()) {
            j.sql("""
                    SELECT DISTINCT ON (lower(domain)) lower(domain), id FROM accounts
                     WHERE organization_id = :o AND lower(domain) IN (:d)
                     ORDER BY lower(domain), updated_at DESC, id
                    """).param("o", orgId).param("d", domains).query((rs, n) ->
                    accountsByDomain.put(rs.getString(1), rs.getObject(2, UUID.class))).list();
        }

        List<Optional<UUID>> contactIds = new ArrayList<>();
        List<Optional<UUID>> accountIds = new ArrayList<>();
        for (List<String> ext : external) {
            Optional<Contact> contact = ext.stream().map(contacts::get).filter(c -> c != null).findFirst();
            Optional<UUID> account = contact.flatMap(Contact::accountId)
                    .or(() -> ext.stream().map(e -> byDomain(accountsByDomain, domainOf(e))).flatMap(Optional::stream).findFirst());
            contactIds.add(contact.map(Contact::id));
            accountIds.add(account);
        }
        Map<UUID, UUID> deals = openDeals(j, orgId, accountIds.stream().flatMap(Optional::stream).toList());
        List<Resolution> out = new ArrayList<>();
        for (int i = 0; i < external.size(); i++) {
            Optional<UUID> account = accountIds.get(i);
            out.add(new Resolution(contactIds.get(i), account, account.map(deals::get)));
        }
        return out;
    }

    private Map<UUID, UUID> openDeals(JdbcClient j, UUID orgId, Collection<UUID> accounts) {
        Map<UUID, UUID> out = new HashMap<>();
        if (accounts.isEmpty()) return out;
        j.sql("""
                SELECT DISTINCT ON (account_id) account_id, id FROM deals
                 WHERE organization_id = :o AND account_id IN (:a) AND NOT is_closed
                 ORDER BY account_id, close_date DESC NULLS LAST, updated_at DESC, id
                """).param("o", orgId).param("a", Set.copyOf(accounts))
                .query((rs, n) -> out.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
        return out;
    }

    /** The organization's own domain and its members' addresses (and their company domains). */
    private record Internal(Set<String> domains, Set<String> emails) {
        boolean contains(String email) {
            return emails.contains(email) || domains.contains(domainOf(email));
        }
    }

    private Internal internal(JdbcClient j, UUID orgId) {
        Set<String> domains = new LinkedHashSet<>();
        j.sql("SELECT lower(email_domain) FROM organizations WHERE id = :o AND email_domain IS NOT NULL")
                .param("o", orgId).query(String.class).list().forEach(domains::add);
        Set<String> emails = new LinkedHashSet<>(j.sql("""
                SELECT lower(u.email) FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = :o
                """).param("o", orgId).query(String.class).list());
        for (String e : emails) {
            String d = domainOf(e);
            if (!d.isEmpty() && !PUBLIC_MAIL_DOMAINS.contains(d)) domains.add(d);
        }
        return new Internal(domains, emails);
    }

    private static Optional<UUID> byDomain(Map<String, UUID> accounts, String domain) {
        if (PUBLIC_MAIL_DOMAINS.contains(domain)) return Optional.empty();
        for (String d : candidateDomains(domain)) {
            UUID id = accounts.get(d);
            if (id != null) return Optional.of(id);
        }
        return Optional.empty();
    }

    /** The domain, its www. form, and its parent domains down to two labels, most specific first. */
    static List<String> candidateDomains(String domain) {
        List<String> out = new ArrayList<>();
        if (domain.isEmpty()) return out;
        String d = domain;
        while (true) {
            out.add(d);
            out.add("www." + d);
            int dot = d.indexOf('.');
            if (dot < 0 || d.indexOf('.', dot + 1) < 0) break;
            d = d.substring(dot + 1);
        }
        return out;
    }

    /** A lower-case address from "Name &lt;a@b.c&gt;" or "a@b.c", or null when it is not an address. */
    static String normalize(String raw) {
        if (raw == null) return null;
        String s = raw.trim();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) s = s.substring(lt + 1, gt).trim();
        s = s.toLowerCase(Locale.ROOT);
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1 || s.length() > 320 || s.contains(" ")) return null;
        return s;
    }

    static String domainOf(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1);
    }
}
