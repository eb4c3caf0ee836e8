namespace IntegrationHub.Mocks.Population;

/// <summary>Name and place pools the generator draws from.</summary>
internal static class Names
{
    public static readonly string[] Male =
    [
        "Elvin", "Rəşad", "Orxan", "Tural", "Kamran", "Elçin", "Murad", "Vüqar", "Anar", "Fuad", "Rauf", "Nicat",
        "Əli", "Hüseyn", "Məhəmməd", "Ramil", "Səbuhi", "Fərid", "Ilkin", "Cavid", "Emin", "Samir", "Zaur", "Rövşən",
    ];

    public static readonly string[] Female =
    [
        "Aysel", "Günel", "Leyla", "Nərgiz", "Səbinə", "Aynur", "Könül", "Lalə", "Nigar", "Ülviyyə", "Fidan", "Şəbnəm",
        "Zəhra", "Nuray", "Aytən", "Gülnar", "Sevinc", "Xədicə", "Əminə", "Rəna", "Türkan", "Vüsalə", "Pərvin", "Jalə",
    ];

    // Masculine surname stems; the feminine form adds "a" (Məmmədov / Məmmədova).
    public static readonly string[] Surnames =
    [
        "Məmmədov", "Əliyev", "Həsənov", "Hüseynov", "Quliyev", "İsmayılov", "Abbasov", "Rzayev", "Cəfərov", "Babayev",
        "Kərimov", "Nəsirov", "Süleymanov", "Mustafayev", "Orucov", "Qasımov", "Vəliyev", "Səfərov", "Bağırov", "Şükürov",
    ];

    public static readonly (string Region, string City, string[] Streets)[] Places =
    [
        ("Bakı", "Bakı, Nəsimi r.", ["Füzuli küç.", "Səməd Vurğun küç.", "Rəşid Behbudov küç."]),
        ("Bakı", "Bakı, Yasamal r.", ["Şərifzadə küç.", "Məmməd Araz küç.", "Ataturk pr."]),
        ("Bakı", "Bakı, Xətai r.", ["Babək pr.", "Xocalı pr.", "Əhməd Rəcəbli küç."]),
        ("Bakı", "Bakı, Binəqədi r.", ["Azadlıq pr.", "Cəlil Məmmədquluzadə küç."]),
        ("Abşeron", "Sumqayıt", ["Sülh küç.", "Nizami küç.", "Heydər Əliyev pr."]),
        ("Gəncə-Daşkəsən", "Gəncə", ["Cavadxan küç.", "Atatürk pr.", "Nizami küç."]),
        ("Lənkəran-Astara", "Lənkəran", ["Hüseyn Əfəndiyev küç.", "Mirzə Əhməd küç."]),
        ("Şəki-Zaqatala", "Şəki", ["M.F.Axundzadə pr.", "Yuxarı Baş küç."]),
        ("Quba-Xaçmaz", "Quba, Qırmızı Qəsəbə", ["Əsas küç."]),
        ("Mil-Muğan", "İmişli, Bəhrəmtəpə kəndi", ["Kənd yolu"]),
    ];

    public static readonly (string Name, string Voen)[] Employers =
    [
        ("Azərsu ASC", "1400057421"), ("Bakı Metropoliteni QSC", "1700038881"), ("Azərişıq ASC", "1403030481"),
        ("Bravo Supermarket MMC", "1302156221"), ("Gəncə Tekstil MMC", "2000348761"), ("Sumqayıt Kimya Parkı", "2900076051"),
        ("Bakı Tibb Mərkəzi", "1502289441"), ("Şəki İpək MMC", "3100219871"), ("Azərpoçt MMC", "1700767721"),
        ("Təhsil Nazirliyi, 145 saylı məktəb", "1500051021"), ("Lənkəran Çay Fabriki", "3300127301"),
        ("Kapital Bank ASC", "9900003611"), ("AzAgroServis ASC", "1400164811"), ("Quba Aqro MMC", "3500192451"),
    ];

    public static readonly string[] Positions =
    [
        "satıcı", "sürücü", "mühasib", "müəllim", "tibb bacısı", "fəhlə", "operator", "mühəndis", "kuryer", "aşpaz",
        "mühafizəçi", "xadimə", "kassir", "menecer",
    ];

    public static readonly string[] Institutions =
    [
        "Bakı Dövlət Universiteti", "Azərbaycan Dövlət İqtisad Universiteti", "Gəncə Dövlət Universiteti",
        "Azərbaycan Texniki Universiteti", "Bakı Dövlət Peşə Məktəbi", "Lənkəran Dövlət Universiteti",
    ];

    public static readonly (string Make, string Model)[] Cars =
    [
        ("Toyota", "Prius"), ("Hyundai", "Elantra"), ("LADA", "2107"), ("Kia", "Rio"), ("Mercedes-Benz", "E 200"),
        ("Chevrolet", "Cobalt"), ("Nissan", "Qashqai"), ("Opel", "Astra"),
    ];

    public static readonly string[] Clinics =
    [
        "Bakı 1 saylı Mərkəzi Poliklinika", "Sumqayıt Şəhər Xəstəxanası", "Gəncə Şəhər Poliklinikası",
        "Lənkəran Regional Tibbi Diaqnostika Mərkəzi", "Şəki Rayon Mərkəzi Xəstəxanası",
    ];

    public static readonly string[] DisabilityDiagnoses = ["I63.9", "E10.7", "G80.0", "C50.9", "N18.5", "M05.8", "F20.0", "H54.0", "Q90.0", "G35"];
}
