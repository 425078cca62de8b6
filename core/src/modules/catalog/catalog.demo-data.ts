/** A product of the demo catalog. */
export interface DemoProduct {
  handle: string;
  title: string;
  description: string;
  brand: string;
  /** SKU stem; variants append their option values. */
  sku: string;
  /** Category handle path. */
  category: string;
  options: Record<string, string[]>;
  weightGrams: number;
  es?: { title: string; description: string };
  draft?: boolean;
}

const SIZES = ['S', 'M', 'L'];

/** The ~24 demo products: apparel and home goods. */
export const DEMO_PRODUCTS: DemoProduct[] = [
  { handle: 'linen-shirt', title: 'Linen Shirt', description: 'Relaxed shirt in washed European linen.', brand: 'Costa', sku: 'CST-LSH', category: 'clothing/tops', options: { Size: SIZES, Colour: ['White', 'Sand'] }, weightGrams: 220, es: { title: 'Camisa de lino', description: 'Camisa holgada de lino europeo lavado.' } },
  { handle: 'cotton-tee', title: 'Organic Cotton T-Shirt', description: 'Everyday crew-neck tee in organic cotton.', brand: 'Costa', sku: 'CST-TEE', category: 'clothing/tops', options: { Size: SIZES, Colour: ['Black', 'White', 'Navy'] }, weightGrams: 160, es: { title: 'Camiseta de algodón orgánico', description: 'Camiseta de cuello redondo de algodón orgánico.' } },
  { handle: 'merino-sweater', title: 'Merino Sweater', description: 'Fine-knit merino wool sweater.', brand: 'Norte', sku: 'NRT-MSW', category: 'clothing/tops', options: { Size: SIZES, Colour: ['Grey', 'Camel'] }, weightGrams: 300, es: { title: 'Jersey de merino', description: 'Jersey de punto fino de lana merino.' } },
  { handle: 'striped-breton', title: 'Striped Breton Top', description: 'Classic long-sleeve striped top.', brand: 'Costa', sku: 'CST-BRT', category: 'clothing/tops', options: { Size: SIZES }, weightGrams: 240 },
  { handle: 'oxford-shirt', title: 'Oxford Shirt', description: 'Button-down shirt in Oxford cloth.', brand: 'Norte', sku: 'NRT-OXF', category: 'clothing/tops', options: { Size: SIZES, Colour: ['Blue', 'White'] }, weightGrams: 260 },
  { handle: 'chino-trousers', title: 'Chino Trousers', description: 'Straight-leg chinos in stretch cotton twill.', brand: 'Norte', sku: 'NRT-CHN', category: 'clothing/bottoms', options: { Size: ['30', '32', '34'], Colour: ['Khaki', 'Navy'] }, weightGrams: 450, es: { title: 'Pantalón chino', description: 'Chinos de pernera recta en sarga de algodón elástica.' } },
  { handle: 'chino-shorts', title: 'Chino Shorts', description: 'Knee-length shorts in cotton twill.', brand: 'Costa', sku: 'CST-SHO', category: 'clothing/bottoms', options: { Size: ['30', '32', '34'] }, weightGrams: 300 },
  { handle: 'linen-trousers', title: 'Linen Trousers', description: 'Drawstring trousers in airy linen.', brand: 'Costa', sku: 'CST-LTR', category: 'clothing/bottoms', options: { Size: SIZES, Colour: ['Natural', 'Olive'] }, weightGrams: 380 },
  { handle: 'denim-jeans', title: 'Slim Denim Jeans', description: 'Slim-fit jeans in rigid selvedge denim.', brand: 'Norte', sku: 'NRT-JNS', category: 'clothing/bottoms', options: { Size: ['30', '32', '34', '36'] }, weightGrams: 650 },
  { handle: 'midi-skirt', title: 'Pleated Midi Skirt', description: 'Flowing pleated skirt.', brand: 'Costa', sku: 'CST-SKT', category: 'clothing/bottoms', options: { Size: SIZES, Colour: ['Black', 'Terracotta'] }, weightGrams: 280 },
  { handle: 'rain-jacket', title: 'Packable Rain Jacket', description: 'Waterproof jacket that packs into its pocket.', brand: 'Norte', sku: 'NRT-RJK', category: 'clothing/outerwear', options: { Size: SIZES, Colour: ['Yellow', 'Navy'] }, weightGrams: 400, es: { title: 'Chubasquero plegable', description: 'Chaqueta impermeable que se guarda en su bolsillo.' } },
  { handle: 'wool-coat', title: 'Wool Overcoat', description: 'Single-breasted overcoat in recycled wool.', brand: 'Norte', sku: 'NRT-WCT', category: 'clothing/outerwear', options: { Size: SIZES }, weightGrams: 1400 },
  { handle: 'quilted-vest', title: 'Quilted Vest', description: 'Lightweight quilted gilet.', brand: 'Norte', sku: 'NRT-QVS', category: 'clothing/outerwear', options: { Size: SIZES, Colour: ['Olive', 'Black'] }, weightGrams: 350 },
  { handle: 'straw-tote', title: 'Straw Tote Bag', description: 'Hand-woven straw tote with leather handles.', brand: 'Costa', sku: 'CST-TOT', category: 'clothing', options: {}, weightGrams: 500, es: { title: 'Bolso de paja', description: 'Bolso tejido a mano con asas de piel.' } },
  { handle: 'stoneware-mug', title: 'Stoneware Mug', description: 'Glazed stoneware mug, 350 ml.', brand: 'Casa', sku: 'CAS-MUG', category: 'home/kitchen', options: { Colour: ['Sage', 'Cream', 'Charcoal'] }, weightGrams: 380, es: { title: 'Taza de gres', description: 'Taza de gres esmaltado, 350 ml.' } },
  { handle: 'chef-knife', title: "Chef's Knife 20 cm", description: 'Forged stainless steel chef’s knife.', brand: 'Casa', sku: 'CAS-KNF', category: 'home/kitchen', options: {}, weightGrams: 220 },
  { handle: 'olive-wood-board', title: 'Olive Wood Board', description: 'Chopping and serving board in olive wood.', brand: 'Casa', sku: 'CAS-BRD', category: 'home/kitchen', options: { Size: ['Small', 'Large'] }, weightGrams: 900 },
  { handle: 'linen-apron', title: 'Linen Apron', description: 'Cross-back apron in stonewashed linen.', brand: 'Casa', sku: 'CAS-APR', category: 'home/kitchen', options: { Colour: ['Natural', 'Rust'] }, weightGrams: 250 },
  { handle: 'cast-iron-pan', title: 'Cast Iron Skillet', description: 'Pre-seasoned cast iron pan, 26 cm.', brand: 'Casa', sku: 'CAS-PAN', category: 'home/kitchen', options: {}, weightGrams: 2600, es: { title: 'Sartén de hierro fundido', description: 'Sartén de hierro fundido precurada, 26 cm.' } },
  { handle: 'waffle-towel', title: 'Waffle Bath Towel', description: 'Quick-drying waffle-weave cotton towel.', brand: 'Casa', sku: 'CAS-TWL', category: 'home/bedroom', options: { Colour: ['White', 'Sage'] }, weightGrams: 450 },
  { handle: 'linen-duvet-cover', title: 'Linen Duvet Cover', description: 'Stonewashed linen duvet cover.', brand: 'Casa', sku: 'CAS-DUV', category: 'home/bedroom', options: { Size: ['Single', 'Double', 'King'], Colour: ['White', 'Grey'] }, weightGrams: 1200, es: { title: 'Funda nórdica de lino', description: 'Funda nórdica de lino lavado a la piedra.' } },
  { handle: 'wool-throw', title: 'Wool Throw', description: 'Herringbone throw in lambswool.', brand: 'Norte', sku: 'NRT-THR', category: 'home/bedroom', options: { Colour: ['Oatmeal', 'Forest'] }, weightGrams: 1100 },
  { handle: 'ceramic-lamp', title: 'Ceramic Table Lamp', description: 'Hand-thrown ceramic lamp with linen shade.', brand: 'Casa', sku: 'CAS-LMP', category: 'home/bedroom', options: {}, weightGrams: 2100 },
  { handle: 'silk-pillowcase', title: 'Silk Pillowcase', description: 'Mulberry silk pillowcase (coming soon).', brand: 'Casa', sku: 'CAS-SPC', category: 'home/bedroom', options: { Colour: ['Ivory', 'Blush'] }, weightGrams: 120, draft: true },
];
