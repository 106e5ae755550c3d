/// Who may see and change the contacts a recipient's site is notified at (e-mail addresses,
/// phone numbers): the recipient itself and the staff of the hubs that deliver to the site —
/// never a carrier, shipper, municipality or driver. The hub notifies the recipient once for
/// every carrier's parcels, so no carrier needs the contact, and none gets it.
public enum ContactRules {
    /// The principal's access to the contacts of a site of `recipientId`, delivered to by hubs
    /// of `servingOperators`; `write` to add or remove contacts.
    public static func access(_ principal: Principal, toContactsOfSiteOf recipientId: String, servingOperators: Set<String>,
                              write: Bool) -> HubRules.Access {
        if principal.isPlatformAdmin { return .granted }
        let organisation = principal.organisation
        let isRecipient = organisation.kind == .recipient && organisation.id == recipientId
        let isHubStaff = organisation.kind == .hubOperator && servingOperators.contains(organisation.id)
        guard isRecipient || isHubStaff, principal.role != .driver else { return .stranger }
        return !write || principal.role == .admin || principal.role == .writer ? .granted : .refused
    }
}

/// How a contact is reached.
public enum ContactChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case email
    /// A text message through the SMS gateway the platform is configured with.
    case sms

    /// The address in its stored form: e-mail addresses as `TextPolicy.email` folds them,
    /// phone numbers in E.164 (`TextPolicy.phoneNumber`).
    public func normalised(_ address: String) throws(TextPolicy.Violation) -> String {
        switch self {
        case .email: try TextPolicy.email(address)
        case .sms: try TextPolicy.phoneNumber(address)
        }
    }
}
