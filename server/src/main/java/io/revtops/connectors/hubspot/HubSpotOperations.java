package io.revtops.connectors.hubspot;

import static io.revtops.connectors.mapping.OperationParams.freeObject;
import static io.revtops.connectors.mapping.OperationParams.integer;
import static io.revtops.connectors.mapping.OperationParams.object;
import static io.revtops.connectors.mapping.OperationParams.props;
import static io.revtops.connectors.mapping.OperationParams.string;
import static io.revtops.connectors.mapping.OperationParams.stringArray;

import io.revtops.connectors.OperationSpec;
import java.util.List;

/** The writes and actions HubSpot offers the agent, with their parameter schemas and the usage guide. */
final class HubSpotOperations {
    private HubSpotOperations() {}

    private static final String ID = "HubSpot record id (digits), as in custom_fields or source_id of the synced row";

    static final List<OperationSpec> WRITES = List.of(
            new OperationSpec("create_deal", "Create a deal, optionally associated with a company and contacts.",
                    object(props(
                            "properties", freeObject("HubSpot deal properties: dealname (required), amount, dealstage "
                                    + "(a stage id from pipeline_stages.source_id), pipeline, closedate (YYYY-MM-DD), "
                                    + "hubspot_owner_id, dealtype, description"),
                            "company_id", string(ID + " of the company"),
                            "contact_ids", stringArray(ID + "s of contacts", 20)), "properties"), false),
            new OperationSpec("update_deal", "Change properties of an existing deal.",
                    object(props(
                            "deal_id", string(ID),
                            "properties", freeObject("Properties to change, e.g. amount, dealstage, closedate, "
                                    + "hubspot_owner_id; an empty string clears one")), "deal_id", "properties"), false),
            new OperationSpec("create_contact", "Create a contact, optionally associated with a company.",
                    object(props(
                            "properties", freeObject("HubSpot contact properties: email (unique), firstname, lastname, "
                                    + "jobtitle, phone, lifecyclestage, hubspot_owner_id"),
                            "company_id", string(ID + " of the company")), "properties"), false),
            new OperationSpec("update_contact", "Change properties of an existing contact.",
                    object(props(
                            "contact_id", string(ID),
                            "properties", freeObject("Properties to change, e.g. jobtitle, phone, lifecyclestage")),
                            "contact_id", "properties"), false),
            new OperationSpec("create_company", "Create a company.",
                    object(props(
                            "properties", freeObject("HubSpot company properties: name (required), domain, industry, "
                                    + "numberofemployees, annualrevenue, city, country, hubspot_owner_id")), "properties"), false),
            new OperationSpec("update_company", "Change properties of an existing company.",
                    object(props(
                            "company_id", string(ID),
                            "properties", freeObject("Properties to change, e.g. industry, numberofemployees")),
                            "company_id", "properties"), false),
            new OperationSpec("create_note", "Log a note on a contact, company and/or deal.",
                    object(props(
                            "body", string("The note text (HTML allowed)", 65_000),
                            "timestamp", string("When it happened, ISO 8601; default now"),
                            "owner_id", string("hubspot_owner_id of the author"),
                            "contact_id", string(ID + " of a contact"),
                            "company_id", string(ID + " of a company"),
                            "deal_id", string(ID + " of a deal")), "body"), false));

    static final List<OperationSpec> ACTIONS = List.of(
            new OperationSpec("find_contact_by_email", "Look a contact up in HubSpot by exact e-mail address (live, not the synced copy).",
                    object(props("email", string("The e-mail address")), "email"), true),
            new OperationSpec("search_contacts", "Search HubSpot contacts by text (name, e-mail, phone, company, job title).",
                    object(props("query", string("Words to look for", 200),
                            "limit", integer("How many to return (default 10)", 1, 50)), "query"), true));

    static final String GUIDE = """
            HubSpot is the CRM of record. Its companies, contacts, deals, pipelines and stages, engagements (calls, \
            e-mails, meetings, notes) and goal targets are synced into accounts, contacts, deals, pipelines, \
            pipeline_stages, activities and goals (source_system = 'hubspot', source_id = the HubSpot id). Prefer SQL \
            over those tables for questions; use the actions only for a live lookup.

            Writes (each waits for a human approval, then runs once):
            - create_deal {properties:{dealname, amount, dealstage, closedate, hubspot_owner_id}, company_id?, contact_ids?}
            - update_deal {deal_id, properties:{…}} — e.g. move a stage: {"deal_id":"123","properties":{"dealstage":"closedwon"}}
            - create_contact {properties:{email, firstname, lastname, jobtitle}, company_id?} — HubSpot refuses a second \
            contact with the same e-mail; run find_contact_by_email first.
            - update_contact {contact_id, properties}, create_company {properties:{name, domain}}, update_company {company_id, properties}
            - create_note {body, deal_id?, contact_id?, company_id?, timestamp?}
            Tips: ids are HubSpot ids (the source_id of a synced row), never our UUIDs. dealstage takes a stage id \
            (pipeline_stages.source_id), not its label. Dates are YYYY-MM-DD or ISO 8601. Amounts are plain numbers. \
            Owners are hubspot_owner_id values (owner_source_id in our tables). HubSpot's validation messages are \
            returned as they are; fix the named property and propose the change again.

            Actions (read-only, run at once): find_contact_by_email {email}; search_contacts {query, limit?}.
            """;
}
