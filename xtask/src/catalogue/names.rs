//! Our choices, in tables: what the document cannot say (keys, labels that read better, areas,
//! action keys), the operations deliberately left out, and corrections of declared schemas that
//! are wrong. Everything else is read from the document.

/// Where a resource is listed in the navigation (`m3ter_models::catalogue::Area`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    Customers,
    ProductsPricing,
    Usage,
    Billing,
    Balances,
    DataExport,
    Events,
    Integrations,
    LookupTables,
    Access,
    Settings,
}

impl Area {
    pub fn rust(self) -> &'static str {
        match self {
            Area::Customers => "Area::Customers",
            Area::ProductsPricing => "Area::ProductsPricing",
            Area::Usage => "Area::Usage",
            Area::Billing => "Area::Billing",
            Area::Balances => "Area::Balances",
            Area::DataExport => "Area::DataExport",
            Area::Events => "Area::Events",
            Area::Integrations => "Area::Integrations",
            Area::LookupTables => "Area::LookupTables",
            Area::Access => "Area::Access",
            Area::Settings => "Area::Settings",
        }
    }

    pub fn name(self) -> &'static str {
        self.rust().trim_start_matches("Area::")
    }
}

/// A named check standing in for one of the document's (Java) regular expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    None,
    Code,
    FieldCode,
    IamRoleArn,
    AlnumDash,
    AlnumDashUnderscore,
    Email,
    Url,
}

impl Check {
    pub fn rust(self) -> &'static str {
        match self {
            Check::None => "Check::None",
            Check::Code => "Check::Code",
            Check::FieldCode => "Check::FieldCode",
            Check::IamRoleArn => "Check::IamRoleArn",
            Check::AlnumDash => "Check::AlnumDash",
            Check::AlnumDashUnderscore => "Check::AlnumDashUnderscore",
            Check::Email => "Check::Email",
            Check::Url => "Check::Url",
        }
    }
}

/// Where an action is called from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    Item,
    Collection,
    Root,
}

/// Labels and key of a resource where the ones derived from its schema name read badly.
pub struct Name {
    /// The collection path (below the organization) as the document spells it.
    pub path: &'static str,
    pub key: &'static str,
    pub singular: &'static str,
    pub plural: &'static str,
}

/// A declared answer schema that is wrong, and what it really is.
pub struct Correction {
    pub op: &'static str,
    /// What the document declares (`$ref` name): the generator fails when this no longer holds,
    /// so a fixed document is noticed.
    pub declared: &'static str,
    pub fix: Fix,
    pub why: &'static str,
}

pub enum Fix {
    /// The answer is this component schema.
    Schema(&'static str),
    /// The declared schema cannot be trusted: show the answer as plain JSON.
    Json,
}

/// An operation whose path does not say which resource it belongs with.
pub struct Placement {
    pub op: &'static str,
    pub resource: &'static str,
    pub key: &'static str,
}

/// All the tables the generator reads (the real ones below; tests bring their own).
pub struct Tables {
    /// Resources the rule (a collection with an item, or a list with a create or an item) does not
    /// find, with why they are resources all the same.
    pub extra_resources: &'static [(&'static str, &'static str)],
    pub names: &'static [Name],
    /// The document's tag → area.
    pub tag_areas: &'static [(&'static str, Area)],
    /// Resource key → area, where the tag's area is not the right one.
    pub area_overrides: &'static [(&'static str, Area)],
    /// Operations deliberately left out, with why.
    pub not_pages: &'static [(&'static str, &'static str)],
    pub corrections: &'static [Correction],
    /// Operation id → action key, where the path's words do not make a good one.
    pub action_keys: &'static [(&'static str, &'static str)],
    pub placements: &'static [Placement],
    /// Lower-case path words run together → kebab-case.
    pub segment_words: &'static [(&'static str, &'static str)],
    /// The document's regular expressions we know, as named checks.
    pub patterns: &'static [(&'static str, Check)],
    /// Regular expressions that are really enums.
    pub pattern_enums: &'static [(&'static str, &'static [&'static str])],
}

pub static M3TER: Tables = Tables {
    extra_resources: &[
        (
            "integrationruns",
            "runs are reached by id and from the per-entity and per-destination lists",
        ),
        (
            "integrationdestinations/marketplace/usageReport",
            "a list of its own entities (no item path)",
        ),
    ],
    names: NAMES,
    tag_areas: TAG_AREAS,
    area_overrides: &[],
    not_pages: NOT_PAGES,
    corrections: CORRECTIONS,
    action_keys: ACTION_KEYS,
    placements: PLACEMENTS,
    segment_words: SEGMENT_WORDS,
    patterns: PATTERNS,
    pattern_enums: PATTERN_ENUMS,
};

/// Keys and labels chosen over the derived ones (derived: the answer schema's name without
/// `Response`, in words: `AccountPlanResponse` → "Account plan", key `account-plans`).
const NAMES: &[Name] = &[
    Name {
        path: "dataexports/schedules",
        key: "export-schedules",
        singular: "Data export schedule",
        plural: "Data export schedules",
    },
    Name {
        path: "dataexports/destinations",
        key: "export-destinations",
        singular: "Export destination",
        plural: "Export destinations",
    },
    Name {
        path: "dataexports/jobs",
        key: "export-jobs",
        singular: "Export job",
        plural: "Export jobs",
    },
    Name {
        path: "balances/{balanceId}/balancetransactionschedules",
        key: "transaction-schedules",
        singular: "Balance transaction schedule",
        plural: "Balance transaction schedules",
    },
    Name {
        path: "balances/{balanceId}/balancechargeschedules",
        key: "charge-schedules",
        singular: "Charge schedule",
        plural: "Charge schedules",
    },
    Name {
        path: "balances/{balanceId}/transactions",
        key: "transactions",
        singular: "Transaction",
        plural: "Transactions",
    },
    Name {
        path: "bills/{billId}/lineitems",
        key: "line-items",
        singular: "Line item",
        plural: "Line items",
    },
    Name {
        path: "integrationdestinations/webhooks",
        key: "webhooks",
        singular: "Webhook",
        plural: "Webhooks",
    },
    Name {
        path: "notifications/configurations",
        key: "notification-configurations",
        singular: "Notification configuration",
        plural: "Notification configurations",
    },
    Name {
        path: "users",
        key: "users",
        singular: "User",
        plural: "Users",
    },
    Name {
        path: "invitations",
        key: "invitations",
        singular: "Invitation",
        plural: "Invitations",
    },
    Name {
        path: "fileuploads/measurements/jobs",
        key: "measurement-uploads",
        singular: "Measurement upload",
        plural: "Measurement uploads",
    },
    Name {
        path: "usage/savedqueries",
        key: "saved-usage-queries",
        singular: "Saved usage query",
        plural: "Saved usage queries",
    },
    Name {
        path: "lookuptables/{lookupTableId}/revisions/{lookupTableRevisionId}/data",
        key: "lookup-table-data",
        singular: "Lookup table data entry",
        plural: "Lookup table data",
    },
    Name {
        path: "lookuptables/{lookupTableId}/revisions/{lookupTableRevisionId}/data/jobs",
        key: "lookup-table-data-jobs",
        singular: "Lookup table data job",
        plural: "Lookup table data jobs",
    },
    Name {
        path: "billconfig",
        key: "bill-configuration",
        singular: "Bill configuration",
        plural: "Bill configuration",
    },
    Name {
        path: "organizationconfig",
        key: "organization-configuration",
        singular: "Organization configuration",
        plural: "Organization configuration",
    },
    Name {
        path: "customfields",
        key: "custom-fields",
        singular: "Custom fields",
        plural: "Custom fields",
    },
    Name {
        path: "support",
        key: "support-access",
        singular: "Support access",
        plural: "Support access",
    },
];

const TAG_AREAS: &[(&str, Area)] = &[
    ("Account", Area::Customers),
    ("AccountPlan", Area::Customers),
    ("Contract", Area::Customers),
    ("Commitments", Area::Customers),
    ("Product", Area::ProductsPricing),
    ("Plan", Area::ProductsPricing),
    ("PlanTemplate", Area::ProductsPricing),
    ("PlanGroup", Area::ProductsPricing),
    ("PlanGroupLink", Area::ProductsPricing),
    ("Pricing", Area::ProductsPricing),
    ("CounterPricing", Area::ProductsPricing),
    ("Aggregation", Area::ProductsPricing),
    ("CompoundAggregation", Area::ProductsPricing),
    ("Counter", Area::ProductsPricing),
    ("Charge", Area::ProductsPricing),
    ("Meter", Area::Usage),
    ("Measurements", Area::Usage),
    ("DataExplorerV2", Area::Usage),
    ("CounterAdjustments", Area::Usage),
    ("Bill", Area::Billing),
    ("Line Item", Area::Billing),
    ("Credits", Area::Billing),
    ("Debits", Area::Billing),
    ("BillJob", Area::Billing),
    ("StatementDefinition", Area::Billing),
    ("StatementJob", Area::Billing),
    ("Currency", Area::Billing),
    ("CreditReason", Area::Billing),
    ("DebitReason", Area::Billing),
    ("TransactionType", Area::Billing),
    ("BillGroupingKey", Area::Billing),
    ("Balances", Area::Balances),
    ("BalanceChargeSchedule", Area::Balances),
    ("BalanceTransactionSchedule", Area::Balances),
    ("ExportSchedule", Area::DataExport),
    ("ExportDestination", Area::DataExport),
    ("ExportJob", Area::DataExport),
    ("ExportAdHoc", Area::DataExport),
    ("Events", Area::Events),
    ("Notifications", Area::Events),
    ("ScheduledEventConfigurations", Area::Events),
    ("Integrations", Area::Integrations),
    ("External Mapping", Area::Integrations),
    ("Marketplace Integrations", Area::Integrations),
    ("LookupTable", Area::LookupTables),
    ("LookupTableRevision", Area::LookupTables),
    ("LookupTableRevisionData", Area::LookupTables),
    ("OrgUsers", Area::Access),
    ("User", Area::Access),
    ("Invitations", Area::Access),
    ("PermissionPolicy", Area::Access),
    ("ResourceGroup", Area::Access),
    // Singletons go to Settings whatever their tag.
    ("BillConfig", Area::Settings),
    ("OrganizationConfig", Area::Settings),
    ("CustomField", Area::Settings),
    ("Support", Area::Settings),
];

const NOT_PAGES: &[(&str, &str)] = &[
    (
        "GenerateToken",
        "the connect form (OAuth client credentials), outside the organization",
    ),
    (
        "SubmitMeasurements",
        "measurement ingest: usage data is sent by the customer's systems",
    ),
    (
        "GetValidationErrorDownloadUrl",
        "measurement ingest: its failed-ingest files",
    ),
    (
        "GenerateUploadUrl",
        "file upload: the console cannot send a file to a presigned URL yet",
    ),
    (
        "GenerateLookupTableDataUploadUrl",
        "file upload: the console cannot send a file to a presigned URL yet",
    ),
    (
        "PostUsageDataQuery",
        "a usage data query (a query page of its own)",
    ),
    (
        "PostQueryBillData",
        "a data explorer query (a query page of its own)",
    ),
    (
        "GetAvailableConfig",
        "integration-config option lookup (for its form)",
    ),
    (
        "GetAvailableSystems",
        "integration-config option lookup (for its form)",
    ),
    (
        "GetAvailableAuthForSystemAndEntityType",
        "integration-config option lookup (for its form)",
    ),
    (
        "GetAvailableSystemEntities",
        "integration-config option lookup (for its form)",
    ),
    (
        "GetConfigOptionValues",
        "integration-config option lookup (for its form)",
    ),
    (
        "GetExternalMappingConfiguration",
        "external-mapping option lookup (for its form)",
    ),
    (
        "GetExternalMappingOptionsForDestination",
        "external-mapping option lookup (for its form)",
    ),
    (
        "GetExternalMappingOptionsForDestinationForCredentialsId",
        "external-mapping option lookup (for its form)",
    ),
    (
        "ListEventTypes",
        "event option lookup (for the notification form)",
    ),
    (
        "ListEventFields",
        "event option lookup (for the notification form)",
    ),
];

/// Declared answers that are wrong. Each is checked against the document on every run.
const CORRECTIONS: &[Correction] = &[
    Correction {
        op: "PostCompoundAggregation",
        declared: "AggregationResponse",
        fix: Fix::Schema("CompoundAggregationResponse"),
        why: "creating a compound aggregation answers it (retrieve, delete and list do)",
    },
    Correction {
        op: "PutCompoundAggregation",
        declared: "AggregationResponse",
        fix: Fix::Schema("CompoundAggregationResponse"),
        why: "updating a compound aggregation answers it (retrieve, delete and list do)",
    },
    Correction {
        op: "GetIntegrationConfig",
        declared: "IntegrationRunResponse",
        fix: Fix::Schema("IntegrationConfigResponse"),
        why: "an integration config's item path answers the config (PUT and DELETE do)",
    },
    Correction {
        op: "GetIntegrationConfigForType",
        declared: "IntegrationRunResponse",
        fix: Fix::Schema("IntegrationConfigResponse"),
        why: "below integrationconfigs, tagged and named as a config retrieval",
    },
    Correction {
        op: "GetOrgUserPermissions",
        declared: "PermissionPolicyResponse",
        fix: Fix::Schema("PaginatedPermissionPolicyResponseData"),
        why: "it takes pageSize and nextToken: a page, not one policy",
    },
    Correction {
        op: "GetOrgUserGroups",
        declared: "ResourceGroupResponse",
        fix: Fix::Schema("PaginatedResourceGroupResponseData"),
        why: "it takes pageSize and nextToken: a page, not one group",
    },
    Correction {
        op: "PreviewBalanceTransactionSchedule",
        declared: "BalanceTransactionScheduleResponse",
        fix: Fix::Json,
        why: "a preview of the transactions a schedule would create, not the schedule (it pages)",
    },
    Correction {
        op: "PreviewScheduledCharge",
        declared: "BalanceChargeScheduleResponse",
        fix: Fix::Json,
        why: "a preview of the charges a schedule would create, not the schedule (it pages)",
    },
];

const ACTION_KEYS: &[(&str, &str)] = &[
    ("GetAllBillsForAccount", "for-account"),
    ("GetAllBillsInBillingPeriod", "in-billing-period"),
    ("ApproveAllBillsInBillingPeriod", "approve-billing-period"),
    ("DownloadBillsCsvUrl", "download-csv"),
    ("CreateBillCsvStatement", "generate-statement-csv"),
    ("ListLineItems", "all-bills"),
    ("ListExternalMappingsForM3terEntity", "for-entity"),
    (
        "ListExternalMappingsForExternalSystemAndEntity",
        "for-external-id",
    ),
    ("GetIntegrationConfigForType", "for-entity-type"),
    ("ListIntegrationRunsByDestinationId", "for-destination"),
    ("ListIntegrationRuns", "for-entity"),
    ("GetIntegrationRunLatest", "latest"),
    ("GetIntegrationRunLatestForIds", "latest-for-entities"),
    ("GetLookupTableRevisionData", "all"),
    ("PutLookupTableRevisionData", "replace-all"),
    ("DeleteLookupTableRevisionData", "delete-all"),
    ("AdminResendTempPass", "resend-password"),
];

/// Operations whose paths are not below the resource they belong with.
const PLACEMENTS: &[Placement] = &[
    Placement {
        op: "TriggerDataExport",
        resource: "export-jobs",
        key: "ad-hoc",
    },
    Placement {
        op: "EvaluateCalculation",
        resource: "notification-configurations",
        key: "evaluate",
    },
];

const SEGMENT_WORDS: &[(&str, &str)] = &[
    ("enddatebillingentities", "end-date-billing-entities"),
    ("addtoserviceuser", "add-to-service-user"),
    ("addtosupportusers", "add-to-support-users"),
    ("addtouser", "add-to-user"),
    ("addtousergroup", "add-to-user-group"),
    ("removefromserviceuser", "remove-from-service-user"),
    ("removefromsupportusers", "remove-from-support-users"),
    ("removefromuser", "remove-from-user"),
    ("removefromusergroup", "remove-from-user-group"),
    ("addresource", "add-resource"),
    ("removeresource", "remove-resource"),
    ("usergroups", "user-groups"),
    ("getdownloadurl", "download-url"),
    ("billingperiod", "billing-period"),
];

pub const PATTERNS: &[(&str, Check)] = &[
    (
        r"^([^[\p{Cntrl}\s]])|([^[\p{Cntrl}\s]][[^[\p{Cntrl}\s]] ]*[^[\p{Cntrl}\s]])$",
        Check::Code,
    ),
    (r"^[\p{L}_$][\p{L}_$0-9]*$", Check::FieldCode),
    (r"^arn:aws:iam::\d+:role/.*$", Check::IamRoleArn),
    (r"^[a-zA-Z0-9-]*$", Check::AlnumDash),
    (r"^[a-zA-Z0-9_-]*$", Check::AlnumDashUnderscore),
];

pub const PATTERN_ENUMS: &[(&str, &[&str])] = &[("HOUR|DAY|MINUTE", &["HOUR", "DAY", "MINUTE"])];
